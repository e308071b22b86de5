package org.omnisila.app.cli.annotate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.review.AgreementReport;
import org.omnisila.annotator.review.Disagreement;
import org.omnisila.annotator.review.Kappa;
import org.omnisila.annotator.review.PeerImportReport;
import org.omnisila.annotator.review.RaterPair;

/**
 * An agreement report as JSON ({@code omnisila annotate agreement --format json}; fields in docs/annotation-guide.md,
 * "Agreement"). Keys in a fixed order; an undefined kappa has {@code "value": null} and its reason in
 * {@code "undefined"}, never NaN.
 */
final class AgreementJson {

    private AgreementJson() {
    }

    /**
     * @param items the project's item of each disagreement, in order (null where the project has none)
     */
    static String of(List<PeerImportReport> imports, AgreementReport report, List<Item> items)
            throws JsonProcessingException {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Map<String, Object>> imported = new ArrayList<>();
        for (PeerImportReport i : imports) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", i.file().toString());
            entry.put("judgements", i.judgements());
            entry.put("notInThisProject", i.notInThisProject());
            imported.add(entry);
        }
        root.put("imported", imported);
        root.put("raters", report.raters());
        List<Map<String, Object>> pairs = new ArrayList<>();
        for (RaterPair pair : report.pairs()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("raterA", pair.raterA());
            entry.put("raterB", pair.raterB());
            entry.put("items", pair.items());
            entry.put("cohenKappa", kappaJson(pair.cohen()));
            entry.put("keptByBoth", pair.keptByBoth());
            entry.put("meanTiou", pair.meanTiou());
            pairs.add(entry);
        }
        root.put("pairs", pairs);
        root.put("fleissKappa", kappaJson(report.fleiss()));
        root.put("meanTiou", report.meanTiou());
        root.put("tiouComparisons", report.tiouPairs());
        List<Map<String, Object>> disagreements = new ArrayList<>();
        for (int i = 0; i < report.disagreements().size(); i++) {
            Disagreement d = report.disagreements().get(i);
            Item item = items.get(i);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("item", d.itemId());
            entry.put("video", item == null ? null : item.videoPath());
            entry.put("start", item == null ? null : item.start());
            entry.put("end", item == null ? null : item.end());
            Map<String, Object> judgements = new LinkedHashMap<>();
            d.judgements().forEach((rater, j) -> {
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("rejected", j.rejected());
                value.put("label", j.label());
                value.put("start", j.start());
                value.put("end", j.end());
                judgements.put(rater, value);
            });
            entry.put("judgements", judgements);
            entry.put("categories", d.categories());
            entry.put("lowestTiou", d.lowestTiou());
            disagreements.add(entry);
        }
        root.put("disagreements", disagreements);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    }

    private static Map<String, Object> kappaJson(Kappa kappa) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("value", kappa.value());
        value.put("items", kappa.items());
        value.put("undefined", kappa.undefined());
        return value;
    }

}
