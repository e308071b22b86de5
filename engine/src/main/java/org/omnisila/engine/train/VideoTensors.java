package org.omnisila.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.omnisila.engine.data.SceneSegment;
import org.omnisila.engine.data.SceneVideo;

/**
 * One video of a scene-feature data set as model inputs and targets.
 *
 * <pre>
 * inputs:   4 arrays x_j [S, T, width_j]   (S segments, T frames)
 * labels:   [S] int64, index of each segment's label in the model's label list
 * presence: [S] float32, 1 where a ground-truth event covers at least half of the segment
 * </pre>
 */
public final class VideoTensors {
    private VideoTensors() {
    }

    public static NDList inputs(NDManager manager, SceneVideo video, List<Integer> widths, int frames) {
        int s = video.segments().size();
        NDList x = new NDList(4);
        for (int j = 0; j < 4; j++) {
            int w = widths.get(j);
            float[] all = new float[s * frames * w];
            for (int i = 0; i < s; i++) {
                System.arraycopy(video.segments().get(i).features()[j], 0, all, i * frames * w, frames * w);
            }
            x.add(manager.create(all, new Shape(s, frames, w))); // [S, T, w_j]
        }
        return x;
    }

    public static NDArray labels(NDManager manager, SceneVideo video, List<String> labels) {
        long[] y = new long[video.segments().size()];
        for (int i = 0; i < y.length; i++) {
            String label = video.segments().get(i).label();
            int index = labels.indexOf(label);
            if (index < 0) {
                throw new IllegalArgumentException("video " + video.id() + ": label \"" + label
                        + "\" is not one of the model's labels " + labels);
            }
            y[i] = index;
        }
        return manager.create(y); // [S]
    }

    public static NDArray presence(NDManager manager, SceneVideo video) {
        float[] p = new float[video.segments().size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = covered(video, video.segments().get(i)) ? 1f : 0f;
        }
        return manager.create(p); // [S]
    }

    static boolean covered(SceneVideo video, SceneSegment s) {
        for (SceneVideo.Event e : video.events()) {
            double overlap = Math.min(s.end(), e.end()) - Math.max(s.start(), e.start());
            if (overlap >= 0.5 * (s.end() - s.start())) {
                return true;
            }
        }
        return false;
    }
}
