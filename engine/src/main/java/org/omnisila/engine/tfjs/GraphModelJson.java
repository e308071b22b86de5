package org.omnisila.engine.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a TF.js graph model's {@code model.json} says: the nodes of {@code modelTopology}, the weight
 * groups of {@code weightsManifest} (shard file names and the tensors stored in them, in order), and the
 * signature's output names when it has one.
 *
 * @param file the file it was read from, for messages
 * @param nodes the graph's nodes, in file order
 * @param weightGroups the weight groups, in file order
 * @param signatureOutputs output node names from {@code signature} or
 *     {@code userDefinedMetadata.signature} (the part before {@code :}), empty when there is none
 */
public record GraphModelJson(String file, List<GraphNode> nodes, List<WeightGroup> weightGroups,
        List<String> signatureOutputs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Shards holding consecutive weights.
     *
     * @param paths shard file names, relative to {@code model.json}; their bytes are concatenated
     * @param weights the weights in the order they are stored
     */
    public record WeightGroup(List<String> paths, List<WeightSpec> weights) {
        public WeightGroup {
            paths = List.copyOf(paths);
            weights = List.copyOf(weights);
        }
    }

    public GraphModelJson {
        nodes = List.copyOf(nodes);
        weightGroups = List.copyOf(weightGroups);
        signatureOutputs = List.copyOf(signatureOutputs);
    }

    /**
     * @param modelJson a TF.js {@code model.json} of format {@code graph-model}
     * @return its contents
     * @throws TfjsModelException when the file cannot be read or is not a graph model
     */
    public static GraphModelJson read(Path modelJson) {
        String file = modelJson.toString();
        JsonNode root;
        try {
            root = JSON.readTree(modelJson.toFile());
        } catch (IOException e) {
            throw new TfjsModelException("Cannot read TF.js model " + file + ": " + e.getMessage(), e);
        }
        String format = root.path("format").asText("graph-model");
        if (!format.equals("graph-model")) {
            throw new TfjsModelException("TF.js model " + file + " has format " + format
                    + "; only graph-model files can be run (a layers-model needs its own loader)");
        }
        JsonNode nodeList = root.path("modelTopology").path("node");
        if (!nodeList.isArray() || nodeList.isEmpty()) {
            throw new TfjsModelException("TF.js model " + file + " has no modelTopology.node list");
        }
        List<GraphNode> nodes = new ArrayList<>();
        for (JsonNode n : nodeList) {
            nodes.add(node(file, n));
        }
        List<WeightGroup> groups = new ArrayList<>();
        for (JsonNode g : root.path("weightsManifest")) {
            List<String> paths = new ArrayList<>();
            g.path("paths").forEach(p -> paths.add(p.asText()));
            List<WeightSpec> weights = new ArrayList<>();
            g.path("weights").forEach(w -> weights.add(weight(file, w)));
            groups.add(new WeightGroup(paths, weights));
        }
        return new GraphModelJson(file, nodes, groups, signatureOutputs(root));
    }

    private static GraphNode node(String file, JsonNode n) {
        String name = n.path("name").asText(null);
        String op = n.path("op").asText(null);
        if (name == null || op == null) {
            throw new TfjsModelException("TF.js model " + file + " has a node without name or op: " + n);
        }
        List<TensorRef> inputs = new ArrayList<>();
        for (JsonNode in : n.path("input")) {
            String ref = in.asText();
            if (!ref.startsWith("^")) {
                inputs.add(TensorRef.parse(ref));
            }
        }
        Map<String, JsonNode> attrs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("attr").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            attrs.put(e.getKey(), e.getValue());
        }
        return new GraphNode(name, op, inputs, new NodeAttrs(name, attrs));
    }

    private static WeightSpec weight(String file, JsonNode w) {
        String name = w.path("name").asText(null);
        if (name == null || !w.path("shape").isArray()) {
            throw new TfjsModelException("TF.js model " + file + " has a weight without name or shape: " + w);
        }
        long[] shape = new long[w.get("shape").size()];
        for (int k = 0; k < shape.length; k++) {
            shape[k] = w.get("shape").get(k).asLong();
        }
        WeightSpec.Quantization q = null;
        JsonNode qn = w.get("quantization");
        if (qn != null) {
            q = new WeightSpec.Quantization(qn.path("dtype").asText(),
                    qn.has("scale") ? qn.get("scale").asDouble() : Double.NaN,
                    qn.has("min") ? qn.get("min").asDouble() : Double.NaN);
        }
        return new WeightSpec(name, shape, w.path("dtype").asText("float32"), q);
    }

    private static List<String> signatureOutputs(JsonNode root) {
        JsonNode outputs = root.path("signature").path("outputs");
        if (outputs.isMissingNode()) {
            outputs = root.path("userDefinedMetadata").path("signature").path("outputs");
        }
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = outputs.fieldNames(); it.hasNext();) {
            String name = it.next();
            int colon = name.indexOf(':');
            names.add(colon > 0 ? name.substring(0, colon) : name);
        }
        return names;
    }
}
