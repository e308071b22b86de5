package org.omnisila.annotator.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.omnisila.annotator.project.Aspects;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ItemSource;
import org.omnisila.annotator.project.ItemState;

class VideoSplitTest {

    /** 30 videos: 20 mostly "negative" (one "positive" item each), 10 "positive"; three items per video. */
    private static List<Item> items() {
        List<Item> items = new ArrayList<>();
        long id = 1;
        for (int v = 1; v <= 30; v++) {
            String label = v <= 20 ? "negative" : "positive";
            for (int i = 0; i < 3; i++) {
                String l = v <= 20 && i == 2 ? "positive" : label;
                items.add(new Item(id++, v, String.format("/videos/%02d.mp4", v), i, i + 1, null, l, Aspects.none(),
                        null, ItemSource.ATTRIBUTION, "gpt", "1", null, ItemState.ACCEPTED, null));
            }
        }
        return items;
    }

    @Test
    void eachLabelGivesItsShareOfVideosToTheTestSide() {
        VideoSplit split = VideoSplit.of(items(), 1, 0.2);
        assertEquals(6, split.videos(VideoSplit.TEST));
        assertEquals(24, split.videos(VideoSplit.TRAIN));
        Map<String, Integer> test = new TreeMap<>();
        for (long v = 1; v <= 30; v++) {
            if (split.subset(v).equals(VideoSplit.TEST)) {
                test.merge(split.dominantLabel(v), 1, Integer::sum);
            }
        }
        assertEquals(Map.of("negative", 4, "positive", 2), test, "a fifth of 20 and of 10");
        assertEquals("negative", split.dominantLabel(3), "two negative items against one positive");
    }

    @Test
    void largestRemaindersShareWhatFlooringLeavesAndTheSeedDecidesWhich() {
        // 3 negative and 1 positive video at 0.5: floor gives 1 + 0, the remainders 0.5 each: the tie goes to
        // "negative", first in alphabetical order, so 2 + 0
        List<Item> items = items().stream().filter(i -> i.videoId() <= 3 || i.videoId() == 30).toList();
        VideoSplit split = VideoSplit.of(items, 5, 0.5);
        assertEquals(2, split.videos(VideoSplit.TEST));
        assertEquals(VideoSplit.TRAIN, split.subset(30));

        List<String> seed1 = sides(VideoSplit.of(items(), 1, 0.2));
        assertEquals(seed1, sides(VideoSplit.of(items(), 1, 0.2)), "the same seed, the same split");
        assertNotEquals(seed1, sides(VideoSplit.of(items(), 2, 0.2)), "another seed, another split");
        assertEquals(30, VideoSplit.of(items(), 1, 1.0).videos(VideoSplit.TEST));
        assertEquals(0, VideoSplit.of(items(), 1, 0.0).videos(VideoSplit.TEST));
    }

    private static List<String> sides(VideoSplit split) {
        List<String> sides = new ArrayList<>();
        for (long v = 1; v <= 30; v++) {
            sides.add(split.subset(v));
        }
        return sides;
    }
}
