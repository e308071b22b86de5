package org.omnisila.engine.tfjs;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs one op of the standard registry on small arrays, the way a loaded graph would (prepare, then run). */
final class OpHarness implements AutoCloseable {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    final NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    private final OpRegistry registry = OpRegistry.standard();

    /** Node attributes written as TensorFlow's AttrValue JSON. */
    static final class Attrs {
        private final Map<String, JsonNode> map = new LinkedHashMap<>();

        Attrs s(String key, String value) {
            map.put(key, JSON.objectNode().put("s", b64(value)));
            return this;
        }

        Attrs strings(String key, String... values) {
            ObjectNode list = JSON.objectNode();
            for (String v : values) {
                list.withArray("s").add(b64(v));
            }
            map.put(key, JSON.objectNode().set("list", list));
            return this;
        }

        Attrs i(String key, long value) {
            map.put(key, JSON.objectNode().put("i", Long.toString(value)));
            return this;
        }

        Attrs ints(String key, long... values) {
            ObjectNode list = JSON.objectNode();
            for (long v : values) {
                list.withArray("i").add(Long.toString(v));
            }
            map.put(key, JSON.objectNode().set("list", list));
            return this;
        }

        Attrs b(String key, boolean value) {
            map.put(key, JSON.objectNode().put("b", value));
            return this;
        }

        Attrs f(String key, double value) {
            map.put(key, JSON.objectNode().put("f", value));
            return this;
        }

        Attrs type(String key, String value) {
            map.put(key, JSON.objectNode().put("type", value));
            return this;
        }

        private static String b64(String s) {
            return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    static Attrs attrs() {
        return new Attrs();
    }

    /** @return the op's outputs for the inputs (all of them given as constants, so that prepare can see them) */
    NDArray[] run(String op, Attrs attrs, NDArray... inputs) {
        Constants constants = new Constants();
        List<TensorRef> refs = new ArrayList<>();
        for (int k = 0; k < inputs.length; k++) {
            constants.put("in" + k, inputs[k]);
            refs.add(new TensorRef("in" + k, 0));
        }
        GraphNode node = new GraphNode("node", op, refs, new NodeAttrs("node", attrs.map));
        TfOp impl = registry.get(node, "test");
        GraphNode prepared = impl.prepare(node, constants);
        NDArray[] in = prepared.inputs().stream().map(r -> constants.get(r.node())).toArray(NDArray[]::new);
        return impl.run(prepared, in);
    }

    NDArray run1(String op, Attrs attrs, NDArray... inputs) {
        return run(op, attrs, inputs)[0];
    }

    NDArray floats(float[] values, long... shape) {
        return manager.create(values, new Shape(shape));
    }

    NDArray ints(int... values) {
        return manager.create(values);
    }

    NDArray scalar(int value) {
        return manager.create(value);
    }

    /** 1, 2, 3, ... as float32 in the given shape. */
    NDArray counting(long... shape) {
        int n = (int) new Shape(shape).size();
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i + 1;
        }
        return floats(v, shape);
    }

    @Override
    public void close() {
        manager.close();
    }
}
