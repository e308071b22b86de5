package org.omnisila.engine.data;

import java.util.List;

/**
 * A scene-feature data set: what the ICM trains on and is evaluated with (docs/formats.md, "Scene-feature
 * data set").
 *
 * @param name        a name for reports
 * @param sceneWidths feature width per scene (face, action, object, background)
 * @param frames      frames per segment
 * @param labels      all labels, in a fixed order
 * @param videos      the videos
 */
public record SceneDataset(String name, List<Integer> sceneWidths, int frames, List<String> labels,
                           List<SceneVideo> videos) {
    public SceneDataset {
        sceneWidths = List.copyOf(sceneWidths);
        labels = List.copyOf(labels);
        videos = List.copyOf(videos);
        if (sceneWidths.size() != 4) {
            throw new IllegalArgumentException("four scene widths are needed, got " + sceneWidths);
        }
        for (SceneVideo v : videos) {
            for (SceneSegment s : v.segments()) {
                for (int j = 0; j < 4; j++) {
                    if (s.features()[j].length != frames * sceneWidths.get(j)) {
                        throw new IllegalArgumentException("video " + v.id() + ", segment at " + s.start()
                                + " s: scene " + j + " has " + s.features()[j].length + " values, expected "
                                + frames + " x " + sceneWidths.get(j));
                    }
                }
                if (!labels.contains(s.label())) {
                    throw new IllegalArgumentException("video " + v.id() + ": label \"" + s.label()
                            + "\" is not one of " + labels);
                }
            }
        }
    }

    public List<SceneVideo> subset(String subset) {
        return videos.stream().filter(v -> subset.equals(v.subset())).toList();
    }
}
