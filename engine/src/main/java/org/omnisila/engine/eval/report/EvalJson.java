package org.omnisila.engine.eval.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.omnisila.engine.eval.AttributionResult;
import org.omnisila.engine.eval.Diagnostic;
import org.omnisila.engine.eval.EvalReport;
import org.omnisila.engine.eval.FrameLevel;
import org.omnisila.engine.eval.Identification;
import org.omnisila.engine.eval.Localization;
import org.omnisila.engine.eval.PairedTTest;

/**
 * An {@link EvalReport} as JSON with every number, as fractions (not percent); undefined values are
 * {@code null}. The field names are documented in docs/metrics.md.
 */
public final class EvalJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvalJson() {
    }

    public static String format(EvalReport r) {
        return write(tree(r));
    }

    public static String formatComparison(String a, String b, Map<String, PairedTTest.Result> tests) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("a", a);
        root.put("b", b);
        ObjectNode t = root.putObject("pairedTTests");
        tests.forEach((name, res) -> {
            ObjectNode o = t.putObject(name);
            o.put("n", res.n());
            put(o, "meanA", res.meanA());
            put(o, "meanB", res.meanB());
            put(o, "t", res.t());
            put(o, "df", res.df());
            put(o, "p", res.p());
        });
        return write(root);
    }

    public static ObjectNode tree(EvalReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("groundTruth", r.groundTruthSource());
        root.put("predictions", r.predictionSource());
        root.put("subset", r.options().subset());
        root.put("videos", r.videoIds().size());
        root.put("groundTruthSegments", r.groundTruthSegments());
        root.put("predictedSegments", r.predictedSegments());
        root.put("scoreThreshold", r.options().scoreThreshold());
        ArrayNode tiou = root.putArray("tiou");
        for (double t : r.options().tious()) {
            tiou.add(t);
        }

        Identification.Result id = r.identification();
        ObjectNode ido = root.putObject("identification");
        ido.put("accuracy", id.accuracy());
        ido.put("f2Weighted", id.weightedF2());
        ido.put("f2Macro", id.macroF2());
        ArrayNode idc = ido.putArray("classes");
        for (Identification.ClassResult c : id.classes()) {
            ObjectNode o = idc.addObject();
            o.put("label", c.label());
            o.put("support", c.support());
            o.put("predicted", c.predicted());
            o.put("correct", c.correct());
            o.put("precision", c.precision());
            o.put("recall", c.recall());
            o.put("f2", c.f2());
        }

        Localization.Result loc = r.localization();
        ObjectNode lo = root.putObject("localization");
        array(lo, "mAP", loc.map());
        lo.put("averageMAP", loc.averageMap());
        array(lo, "segmentF2", loc.segmentF2());
        array(lo, "segmentPrecision", loc.precision());
        array(lo, "segmentRecallCurve", loc.recallCurve());
        array(lo, "recall", loc.recall());
        ArrayNode lc = lo.putArray("classes");
        for (Localization.ClassResult c : loc.classes()) {
            ObjectNode o = lc.addObject();
            o.put("label", c.label());
            o.put("groundTruth", c.groundTruth());
            o.put("predictions", c.predictions());
            array(o, "ap", c.ap());
            array(o, "meanPrecision", c.meanPrecision());
            array(o, "meanRecall", c.meanRecall());
            ArrayNode tp = o.putArray("truePositives");
            for (int v : c.truePositives()) {
                tp.add(v);
            }
        }

        FrameLevel.Result f = r.frames();
        ObjectNode fo = root.putObject("frames");
        fo.put("sampling", f.sampling().describe());
        fo.put("f2", f.microF2());
        fo.put("f2Macro", f.macroF2());
        put(fo, "fnr", f.fnr());
        ArrayNode fl = fo.putArray("fnrLabels");
        f.fnrLabels().forEach(fl::add);
        ArrayNode fc = fo.putArray("classes");
        f.classes().forEach((label, k) -> {
            ObjectNode o = fc.addObject();
            o.put("label", label);
            o.put("truePositives", k.truePositives());
            o.put("falsePositives", k.falsePositives());
            o.put("falseNegatives", k.falseNegatives());
            o.put("precision", k.precision());
            o.put("recall", k.recall());
            o.put("f2", k.f2());
            put(o, "fnr", k.falseNegativeRate());
        });

        AttributionResult a = r.attribution();
        if (a == null) {
            root.putNull("attribution");
        } else {
            ObjectNode ao = root.putObject("attribution");
            ao.put("references", a.references());
            ao.put("matched", a.matched());
            ao.put("semR", a.semR());
            ao.put("rouge1", a.rouge1());
            ao.put("rouge2", a.rouge2());
            put(ao, "semC", a.semC());
            ao.put("senA", a.senA());
            put(ao, "atrR", a.atrR());
            ao.put("ratings", a.ratings());
        }

        ArrayNode w = root.putArray("warnings");
        for (Diagnostic d : r.warnings()) {
            w.add(d.toString());
        }
        ObjectNode pv = root.putObject("perVideo");
        ArrayNode ids = pv.putArray("videos");
        r.videoIds().forEach(ids::add);
        r.perVideo().forEach((name, values) -> array(pv, name, values));
        return root;
    }

    private static void array(ObjectNode o, String name, double[] values) {
        ArrayNode a = o.putArray(name);
        for (double v : values) {
            if (Double.isNaN(v)) {
                a.addNull();
            } else {
                a.add(v);
            }
        }
    }

    private static void put(ObjectNode o, String name, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(name);
        } else {
            o.put(name, v);
        }
    }

    private static String write(ObjectNode n) {
        try {
            return MAPPER.writeValueAsString(n) + System.lineSeparator();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
