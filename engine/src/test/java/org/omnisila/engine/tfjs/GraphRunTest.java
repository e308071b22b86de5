package org.omnisila.engine.tfjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A run frees each intermediate after its last reader, and never the inputs, constants or kept outputs. */
class GraphRunTest {

    private static GraphNode node(String name, String... inputs) {
        return new GraphNode(name, "Test", java.util.Arrays.stream(inputs).map(TensorRef::parse).toList(),
                new NodeAttrs(name, Map.of()));
    }

    @Test
    void intermediatesAreFreedAfterTheirLastReader() {
        // x -> a = x + 1 -> b = a * 2 -> c = a + b (reads a twice over time) -> out = Identity(c)
        Map<String, GraphNode> nodes = new LinkedHashMap<>();
        nodes.put("x", new GraphNode("x", "Placeholder", List.of(), new NodeAttrs("x", Map.of())));
        nodes.put("a", node("a", "x"));
        nodes.put("b", node("b", "a"));
        nodes.put("c", node("c", "a", "b"));
        nodes.put("out", node("out", "c"));
        GraphPlan plan = GraphPlan.of(nodes, List.of("out"), "test");
        assertEquals(List.of("x", "a", "b", "c", "out"), plan.order().stream().map(GraphNode::name).toList());
        assertEquals(2, plan.reads().get("a"));

        List<NDArray> temporaries = new ArrayList<>();
        Map<String, TfOp> ops = Map.of(
                "a", TfOp.of((n, in) -> in[0].add(1)),
                "b", TfOp.of((n, in) -> {
                    NDArray t = in[0].mul(1); // a temporary of the op itself
                    temporaries.add(t);
                    return t.mul(2);
                }),
                "c", TfOp.of((n, in) -> in[0].add(in[1])),
                "out", (n, in) -> new NDArray[] {in[0]});
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2});
            GraphRun run = new GraphRun("test", plan);
            run.provide("x", x);
            run.keep("out");
            Map<String, NDArray> made = new LinkedHashMap<>();
            for (GraphNode n : plan.order().subList(1, plan.order().size())) {
                run.run(n, ops.get(n.name()));
                made.put(n.name(), run.value(n, new TensorRef(n.name(), 0)));
                if (n.name().equals("b")) {
                    assertTrue(temporaries.get(0).isReleased(), "an op's temporary is freed when it returns");
                    assertFalse(made.get("a").isReleased(), "a is still to be read by c");
                }
            }
            assertTrue(made.get("a").isReleased());
            assertTrue(made.get("b").isReleased());
            assertFalse(made.get("c").isReleased(), "c is the kept output (Identity passes it on)");
            assertEquals(9f, made.get("out").toFloatArray()[1]); // a = 3, b = 6, c = 9
            run.closeExcept(Set.of());
            assertTrue(made.get("c").isReleased());
            assertFalse(x.isReleased(), "the caller's input is never freed");
        }
    }
}
