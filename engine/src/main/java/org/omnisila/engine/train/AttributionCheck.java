package org.omnisila.engine.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.omnisila.engine.data.SceneSegment;
import org.omnisila.engine.data.SceneVideo;
import org.omnisila.engine.data.SyntheticScenes;
import org.omnisila.engine.icm.CueAttribution;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.icm.IcmModel;

/**
 * Whether the cue attribution ({@link CueAttribution}) points at the evidence, on the synthetic benchmark where
 * the evidence is known: in each event segment the class's primary scene ({@link SyntheticScenes#primaryScene})
 * always carries its prototype, the other two implicit scenes only sometimes. A hit is an event segment whose
 * primary scene holds more supporting relevance (sum of max(0, R) over its frames) than each other implicit
 * scene. Chance is at most 1/3.
 */
public final class AttributionCheck {
    private AttributionCheck() {
    }

    /** @return the share of event segments of {@code videos} that are hits; NaN when there is none */
    public static double primarySceneHitRate(IcmModel model, NDManager manager, List<SceneVideo> videos) {
        IcmConfig c = model.config();
        long hits = 0;
        long events = 0;
        for (SceneVideo video : videos) {
            try (NDManager sub = manager.newSubManager()) {
                NDList relevance = CueAttribution.relevance(model,
                        VideoTensors.inputs(sub, video, c.sceneWidths(), c.frames()));
                double[][] mass = new double[IcmConfig.SCENES][];
                for (int j = 0; j < IcmConfig.SCENES; j++) {
                    mass[j] = segmentMass(CueAttribution.slotWeights(relevance.get(j), 1));
                }
                for (int s = 0; s < video.segments().size(); s++) {
                    SceneSegment segment = video.segments().get(s);
                    if ("Normal".equals(segment.label())) {
                        continue;
                    }
                    int primary = SyntheticScenes.primaryScene(segment.label());
                    boolean hit = true;
                    for (int j = 1; j < IcmConfig.SCENES; j++) {
                        hit &= j == primary || mass[primary][s] > mass[j][s];
                    }
                    hits += hit ? 1 : 0;
                    events++;
                }
            }
        }
        return events == 0 ? Double.NaN : hits / (double) events;
    }

    private static double[] segmentMass(float[][][] weights) {
        double[] out = new double[weights.length];
        for (int s = 0; s < weights.length; s++) {
            for (float[] frame : weights[s]) {
                for (float w : frame) {
                    out[s] += w;
                }
            }
        }
        return out;
    }
}
