package org.omnisila.engine.eval.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.ZooModel;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.llm.ManagerLeaks;
import org.omnisila.engine.models.ModelFiles;

/**
 * The sentence embedder runs once per reference and generated text of an evaluation: five calls leave the model's
 * manager (where DJL's predictor opens each call's sub-manager) as two did.
 */
class NoArraysLeftOnTheEmbedderTest {

    @Test
    void embeddingsLeaveNothingOnTheModel() throws ReflectiveOperationException {
        for (int batchSize : new int[] {1, 4}) {
            try (SentenceEmbedder embedder = new SentenceEmbedder(new ModelFiles(),
                    batchSize)) {
                Field f = SentenceEmbedder.class.getDeclaredField("model");
                f.setAccessible(true);
                NDManager manager = ((ZooModel<?, ?>) f.get(embedder)).getNDManager();
                List<Integer> counts = new ArrayList<>();
                for (int call = 1; call <= 5; call++) {
                    embedder.embed(List.of("Two men are fighting in the street.", "", "A cat sleeps on the sofa.",
                            "Smoke rises as a fire spreads through the warehouse number " + call + "."));
                    counts.add(ManagerLeaks.count(manager));
                }
                assertEquals(counts.get(1), counts.get(4), () -> "batch size " + batchSize + ", after each call "
                        + counts + ": " + ManagerLeaks.describe(manager));
            }
        }
    }
}
