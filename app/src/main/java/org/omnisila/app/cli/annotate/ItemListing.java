package org.omnisila.app.cli.annotate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.omnisila.annotator.project.Item;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.api.StrictJson;

/** Items as the console shows them: an aligned table, or JSON with every field. */
final class ItemListing {

    /** The longest summary a table row shows. */
    static final int SUMMARY_WIDTH = 60;
    private static final ObjectMapper MAPPER = StrictJson.mapper();

    private ItemListing() {
    }

    /** One row per item, then the count. */
    static String table(List<Item> items) {
        int labelWidth = "label".length();
        for (Item item : items) {
            labelWidth = Math.max(labelWidth, text(item.label()).length());
        }
        String row = "%6s  %-24s %8s %8s  %-" + labelWidth + "s %-10s %-6s %-22s %s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, row, "id", "video", "start", "end", "label", "state", "rating",
                "source", "summary").stripTrailing()).append('\n');
        for (Item item : items) {
            out.append(String.format(Locale.ROOT, row, item.id(), cut(fileName(item.videoPath()), 24),
                    String.format(Locale.ROOT, "%.2f", item.start()), String.format(Locale.ROOT, "%.2f", item.end()),
                    text(item.label()), item.state().dbName(), item.rating() == null ? "-" : item.rating().toString(),
                    cut(item.source().dbName() + ":" + item.generator(), 22),
                    cut(text(item.summary()), SUMMARY_WIDTH)).stripTrailing()).append('\n');
        }
        out.append(items.size()).append(items.size() == 1 ? " item" : " items").append('\n');
        return out.toString();
    }

    /** A JSON array of the items, every field, in the product's layout. */
    static String json(List<Item> items) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Item item : items) {
            ObjectNode o = array.addObject();
            o.put("id", item.id());
            o.put("video", item.videoPath());
            o.put("start", item.start());
            o.put("end", item.end());
            if (item.frameTime() == null) {
                o.putNull("frameTime");
            } else {
                o.put("frameTime", item.frameTime());
            }
            o.put("label", item.label());
            ObjectNode aspects = o.putObject("aspects");
            for (Scene scene : Scene.values()) {
                aspects.put(scene.jsonName(), item.aspects().get(scene));
            }
            o.put("summary", item.summary());
            o.put("source", item.source().dbName());
            o.putObject("generator").put("name", item.generator()).put("version", item.generatorVersion());
            if (item.score() == null) {
                o.putNull("score");
            } else {
                o.put("score", item.score());
            }
            o.put("state", item.state().dbName());
            if (item.rating() == null) {
                o.putNull("rating");
            } else {
                o.put("rating", item.rating());
            }
        }
        try {
            return StrictJson.writer(MAPPER).writeValueAsString(array) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the items as JSON: " + e.getMessage(), e);
        }
    }

    private static String fileName(String path) {
        try {
            Path name = Path.of(path).getFileName();
            return name == null ? path : name.toString();
        } catch (RuntimeException notAPath) {
            return path;
        }
    }

    private static String text(String value) {
        return value == null ? "-" : value.replaceAll("\\s+", " ");
    }

    private static String cut(String value, int width) {
        return value.length() <= width ? value : value.substring(0, width - 1) + "~";
    }
}
