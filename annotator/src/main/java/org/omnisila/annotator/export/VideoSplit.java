package org.omnisila.annotator.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.omnisila.annotator.project.Item;

/**
 * The train/test split of an export: by video (all items of a video on one side, so that no test video was seen in
 * training), stratified by each video's dominant label.
 *
 * <p>The rule, so that the same items, seed and fraction always give the same split: a video's dominant label is
 * the label of most of its exported items (a tie goes to the label first in alphabetical order; items without a
 * label count as {@value #NO_LABEL}). Of N videos, round(N x fraction) go to the test side, shared among the labels
 * by largest remainder (each label first gets floor(n x fraction) of its n videos; the rest go one each to the
 * labels with the largest fractional parts, ties by label). Within a label, videos are ordered by path then id,
 * shuffled (Fisher-Yates with {@code java.util.Random(seed)}, labels taken in alphabetical order), and the first
 * ones of the shuffled order are the test videos.
 */
public final class VideoSplit {

    /** The subset names written into the data sets. */
    public static final String TRAIN = "train";
    /** The subset names written into the data sets. */
    public static final String TEST = "test";
    /** The stratum of a video whose items have no label. */
    public static final String NO_LABEL = "(no label)";

    private final Map<Long, String> subsets;
    private final Map<Long, String> dominant;

    private VideoSplit(Map<Long, String> subsets, Map<Long, String> dominant) {
        this.subsets = subsets;
        this.dominant = dominant;
    }

    /**
     * @param items        the exported items (their videos are what is split)
     * @param seed         the shuffle's seed
     * @param testFraction the share of videos in the test split, 0..1
     */
    public static VideoSplit of(List<Item> items, long seed, double testFraction) {
        Map<Long, Map<String, Integer>> labelsByVideo = new HashMap<>();
        Map<Long, String> paths = new HashMap<>();
        for (Item item : items) {
            labelsByVideo.computeIfAbsent(item.videoId(), v -> new TreeMap<>())
                    .merge(item.label() == null ? NO_LABEL : item.label(), 1, Integer::sum);
            paths.putIfAbsent(item.videoId(), item.videoPath());
        }
        Map<Long, String> dominant = new HashMap<>();
        TreeMap<String, List<Long>> strata = new TreeMap<>();
        for (Map.Entry<Long, Map<String, Integer>> video : labelsByVideo.entrySet()) {
            String label = null;
            int most = 0;
            for (Map.Entry<String, Integer> count : video.getValue().entrySet()) { // alphabetical: first wins ties
                if (count.getValue() > most) {
                    label = count.getKey();
                    most = count.getValue();
                }
            }
            dominant.put(video.getKey(), label);
            strata.computeIfAbsent(label, l -> new ArrayList<>()).add(video.getKey());
        }
        Map<String, Integer> quotas = quotas(strata, labelsByVideo.size(), testFraction);
        Random random = new Random(seed);
        Map<Long, String> subsets = new HashMap<>();
        for (Map.Entry<String, List<Long>> stratum : strata.entrySet()) {
            List<Long> videos = new ArrayList<>(stratum.getValue());
            videos.sort(Comparator.comparing((Long id) -> paths.get(id)).thenComparing(id -> id));
            for (int i = videos.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Long swap = videos.get(i);
                videos.set(i, videos.get(j));
                videos.set(j, swap);
            }
            int quota = quotas.get(stratum.getKey());
            for (int i = 0; i < videos.size(); i++) {
                subsets.put(videos.get(i), i < quota ? TEST : TRAIN);
            }
        }
        return new VideoSplit(subsets, dominant);
    }

    private static Map<String, Integer> quotas(TreeMap<String, List<Long>> strata, int videos, double fraction) {
        int total = (int) Math.round(videos * fraction);
        Map<String, Integer> quotas = new HashMap<>();
        Map<String, Double> remainders = new HashMap<>();
        int given = 0;
        for (Map.Entry<String, List<Long>> stratum : strata.entrySet()) {
            double exact = stratum.getValue().size() * fraction;
            int base = (int) Math.floor(exact + 1e-9);
            quotas.put(stratum.getKey(), base);
            remainders.put(stratum.getKey(), exact - base);
            given += base;
        }
        List<String> order = new ArrayList<>(strata.keySet()); // alphabetical; a stable sort keeps it for ties
        order.sort(Comparator.comparing((String label) -> remainders.get(label)).reversed());
        for (int i = 0; given < total && i < order.size(); i++) {
            String label = order.get(i);
            if (quotas.get(label) < strata.get(label).size()) {
                quotas.merge(label, 1, Integer::sum);
                given++;
            }
        }
        return quotas;
    }

    /** {@link #TRAIN} or {@link #TEST} for a video of the items split. */
    public String subset(long videoId) {
        String subset = subsets.get(videoId);
        if (subset == null) {
            throw new IllegalArgumentException("video " + videoId + " has no exported item");
        }
        return subset;
    }

    /** The dominant label of a video of the items split (its stratum). */
    public String dominantLabel(long videoId) {
        return dominant.get(videoId);
    }

    /** How many videos are on a side. */
    public int videos(String subset) {
        return (int) subsets.values().stream().filter(subset::equals).count();
    }
}
