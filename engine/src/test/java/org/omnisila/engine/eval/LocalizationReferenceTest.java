package org.omnisila.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.omnisila.engine.api.SentimentLabels;
import org.omnisila.engine.eval.io.ActivityNetReader;

/**
 * Our localisation metrics against numbers the TSL-300 / ActivityNet Python evaluator printed for the same
 * files (see src/test/resources/eval/reference/README.md for how they were produced).
 */
class LocalizationReferenceTest {
    private static final double TOLERANCE = 1e-12;

    @ParameterizedTest
    @CsvSource({"tsl300, tsl300/gt.json", "ties, eval/reference/ties_gt.json",
        "implicit, eval/reference/implicit_gt.json"})
    void matchesTheReferenceEvaluator(String name, String gtResource) throws IOException {
        JsonNode expected = new ObjectMapper().readTree(
                TestFiles.resource("eval/reference/" + name + "_expected.json").toFile());
        Diagnostics d = new Diagnostics();
        GroundTruth gt = ActivityNetReader.readGroundTruth(TestFiles.resource(gtResource), d)
                .subset(expected.get("subset").asText());
        Predictions preds = ActivityNetReader.readPredictions(
                TestFiles.resource("eval/reference/" + name + "_pred.json"), d);
        assertFalse(d.hasErrors(), () -> d.all().toString());
        double[] tious = {0.1, 0.2, 0.3};

        Localization.Result r = Localization.evaluate(gt, preds, tious);

        for (int t = 0; t < tious.length; t++) {
            assertEquals(expected.get("mAP").get(t).asDouble(), r.map()[t], TOLERANCE, name + " mAP@" + tious[t]);
            assertEquals(expected.get("precision").get(t).asDouble(), r.precision()[t], TOLERANCE, name + " P");
            assertEquals(expected.get("recall").get(t).asDouble(), r.recallCurve()[t], TOLERANCE, name + " R");
            assertEquals(expected.get("f2").get(t).asDouble(), r.segmentF2()[t], TOLERANCE, name + " F2");
        }
        assertEquals(expected.get("average_mAP").asDouble(), r.averageMap(), TOLERANCE, name + " average mAP");
        Map<String, Localization.ClassResult> byLabel = Localization.byLabel(r);
        assertEquals(expected.get("classes").size(), byLabel.size(), name + " class count");
        for (JsonNode c : expected.get("classes")) {
            Localization.ClassResult cr = byLabel.get(SentimentLabels.canonical(c.asText()));
            for (int t = 0; t < tious.length; t++) {
                assertEquals(expected.get("ap").get(c.asText()).get(t).asDouble(), cr.ap()[t], TOLERANCE,
                        name + " AP of " + c.asText() + " @" + tious[t]);
            }
        }
    }
}
