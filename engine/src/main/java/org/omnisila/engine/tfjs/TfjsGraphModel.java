package org.omnisila.engine.tfjs;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.models.ModelManifest;

/**
 * A TF.js graph model ({@code model.json} + weight shards) executed with DJL NDArray operations on the
 * PyTorch engine, on the CPU or a GPU.
 *
 * <p>Loading reads the graph, decodes the weights onto the device, checks that every op is implemented
 * (else it fails naming the first node whose op is not) and lets ops re-lay-out their constants once
 * (convolution filters HWIO to OIHW). A run executes only the nodes the requested outputs need, in
 * dependency order, and frees each intermediate tensor after its last reader.
 *
 * <p>Not thread-safe: run one model from one thread at a time.
 */
public final class TfjsGraphModel implements AutoCloseable {

    private final String file;
    private final NDManager manager;
    private final Map<String, GraphNode> nodes;
    private final Map<String, TfOp> ops;
    private final Constants constants = new Constants();
    private final List<GraphNode> placeholders = new ArrayList<>();
    private final List<String> outputs;
    private final Map<List<String>, GraphPlan> plans = new ConcurrentHashMap<>();

    private TfjsGraphModel(GraphModelJson json, Function<String, Path> shards, Device device, OpRegistry registry) {
        this.file = json.file();
        this.manager = NDManager.newBaseManager(device, "PyTorch");
        try {
            WeightDecoder.decode(json, shards, manager).forEach(constants::put);
            Map<String, GraphNode> byName = new LinkedHashMap<>();
            Map<String, TfOp> opByNode = new LinkedHashMap<>();
            for (GraphNode n : json.nodes()) {
                GraphNode node = n;
                if (n.op().equals("Placeholder")) {
                    placeholders.add(n);
                } else if (n.op().equals("Const")) {
                    if (constants.get(n.name()) == null) {
                        throw new TfjsModelException("TF.js model " + file + ": Const node " + n.name()
                                + " has no weight in the weightsManifest");
                    }
                } else {
                    TfOp op = registry.get(n, file);
                    node = op.prepare(n, constants);
                    opByNode.put(n.name(), op);
                }
                byName.put(n.name(), node);
            }
            addDerivedConstants(byName);
            this.nodes = Collections.unmodifiableMap(byName);
            this.ops = Collections.unmodifiableMap(opByNode);
            this.outputs = List.copyOf(json.signatureOutputs().isEmpty() ? sinks(json.nodes()) : json.signatureOutputs());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * @param modelJson a graph model's model.json; its shards are read from the same folder
     * @param device where the weights live and the graph runs
     * @return the loaded model
     * @throws TfjsModelException when the model cannot be read or uses an op this executor lacks
     */
    public static TfjsGraphModel load(Path modelJson, Device device) {
        Path dir = modelJson.toAbsolutePath().getParent();
        return load(modelJson, dir::resolve, device);
    }

    /**
     * @param modelJson a graph model's model.json
     * @param shards the file of each shard path the model names
     * @param device where the weights live and the graph runs
     * @return the loaded model
     */
    public static TfjsGraphModel load(Path modelJson, Function<String, Path> shards, Device device) {
        return new TfjsGraphModel(GraphModelJson.read(modelJson), shards, device, OpRegistry.standard());
    }

    /**
     * Loads a bundled model: the manifest's {@code graph} file is the model.json, and each shard it names
     * must be a file of the same manifest (all verified by sha256 on the way).
     *
     * @param manifest e.g. {@code ModelManifest.load("human-emotion")}
     * @param files where the verified files are put
     * @param device where the weights live and the graph runs
     * @return the loaded model
     */
    public static TfjsGraphModel load(ModelManifest manifest, ModelFiles files, Device device) {
        Map<String, Path> byRole = files.materialise(manifest);
        Map<String, Path> byName = new LinkedHashMap<>();
        for (ModelManifest.FileEntry f : manifest.files()) {
            byName.put(f.path(), byRole.get(f.role()));
        }
        Function<String, Path> shards = name -> {
            Path p = byName.get(name);
            if (p == null) {
                throw new TfjsModelException("Weight shard " + name + " named by " + manifest.file("graph").path()
                        + " is not a file of model " + manifest.name() + " (files: " + byName.keySet() + ")");
            }
            return p;
        };
        return load(byRole.get("graph"), shards, device);
    }

    /** @return the input (Placeholder) names, in graph order */
    public List<String> inputNames() {
        return placeholders.stream().map(GraphNode::name).toList();
    }

    /** @return the default outputs: the signature's, else the nodes nobody reads */
    public List<String> outputNames() {
        return outputs;
    }

    /** @return the op types the graph uses, Const and Placeholder included */
    public Set<String> opTypes() {
        Set<String> types = new TreeSet<>();
        nodes.values().forEach(n -> types.add(n.op()));
        return types;
    }

    /** @return the device the model runs on */
    public Device device() {
        return manager.getDevice();
    }

    /**
     * Runs the graph on one input and returns its first default output.
     *
     * @param result where the output is attached (the caller frees it)
     * @param input the model's only input
     * @return the first of {@link #outputNames()}
     */
    public NDArray execute(NDManager result, NDArray input) {
        if (placeholders.size() != 1) {
            throw new TfjsModelException("TF.js model " + file + " has " + placeholders.size()
                    + " inputs; name them: " + inputNames());
        }
        return execute(result, Map.of(placeholders.get(0).name(), input), List.of(outputs.get(0))).singletonOrThrow();
    }

    /**
     * Runs the graph.
     *
     * @param result where the outputs are attached (the caller frees them); inputs are not changed
     * @param feeds input name to tensor (shape as the Placeholder says, -1 free; converted to its dtype)
     * @param wanted node names to return, intermediate nodes allowed (output 0 of each)
     * @return the outputs, in the order asked
     * @throws TfjsModelException for a missing or ill-shaped input, an unknown node, or a failing op
     */
    public NDList execute(NDManager result, Map<String, NDArray> feeds, List<String> wanted) {
        GraphPlan plan = plans.computeIfAbsent(List.copyOf(wanted), w -> GraphPlan.of(nodes, w, file));
        try (GraphRun run = new GraphRun(file, plan)) {
            for (GraphNode p : placeholders) {
                if (plan.reads().containsKey(p.name()) || wanted.contains(p.name())) {
                    NDArray given = feeds.get(p.name());
                    NDArray fed = feed(p, given);
                    if (fed == given) {
                        run.provide(p.name(), fed);
                    } else {
                        run.adopt(p.name(), fed); // a converted copy: the run frees it
                    }
                }
            }
            for (String w : wanted) {
                run.keep(w);
            }
            for (GraphNode n : plan.order()) {
                if (n.op().equals("Const")) {
                    run.provide(n.name(), constants.get(n.name()));
                } else if (!n.op().equals("Placeholder")) {
                    run.run(n, ops.get(n.name()));
                }
            }
            NDList out = new NDList();
            Set<NDArray> handedOver = Collections.newSetFromMap(new IdentityHashMap<>());
            for (String w : wanted) {
                NDArray v = run.value(nodes.get(w), new TensorRef(w, 0));
                NDArray mine = run.owns(v) && handedOver.add(v) ? v : v.duplicate();
                mine.attach(result);
                out.add(mine);
            }
            run.closeExcept(handedOver);
            return out;
        }
    }

    private NDArray feed(GraphNode placeholder, NDArray value) {
        if (value == null) {
            throw new TfjsModelException("TF.js model " + file + " needs input " + placeholder.name()
                    + "; inputs: " + inputNames());
        }
        long[] want = placeholder.attrs().shape("shape");
        Shape got = value.getShape();
        boolean ok = want == null || want.length == got.dimension();
        for (int d = 0; ok && want != null && d < want.length; d++) {
            ok = want[d] < 0 || want[d] == got.get(d);
        }
        if (!ok) {
            throw new TfjsModelException("TF.js model " + file + ": input " + placeholder.name() + " must have shape "
                    + Arrays.toString(want) + " (-1: any), got " + got);
        }
        DataType type = Tensors.dataType(placeholder, placeholder.attrs().type("dtype", "DT_FLOAT"));
        NDArray v = value.getDevice().equals(device()) ? value : value.toDevice(device(), true);
        return v.getDataType() == type ? v : v.toType(type, true);
    }

    /**
     * Constants derived at load time become Const nodes; constants no node reads any more (a filter in
     * its original layout) are freed, as are their nodes.
     */
    private void addDerivedConstants(Map<String, GraphNode> byName) {
        Set<String> read = new HashSet<>();
        byName.values().forEach(n -> n.inputs().forEach(r -> read.add(r.node())));
        for (String name : constants.names()) {
            if (!byName.containsKey(name)) {
                byName.put(name, new GraphNode(name, "Const", List.of(), new NodeAttrs(name, Map.of())));
            } else if (!read.contains(name)) {
                constants.remove(name);
                byName.remove(name);
            }
        }
    }

    private static List<String> sinks(List<GraphNode> nodes) {
        Set<String> read = new HashSet<>();
        nodes.forEach(n -> n.inputs().forEach(r -> read.add(r.node())));
        return nodes.stream().filter(n -> !read.contains(n.name()) && !n.op().equals("Const"))
                .map(GraphNode::name).toList();
    }

    /** Frees the weights. */
    @Override
    public void close() {
        constants.closeAll();
        manager.close();
    }
}
