package org.omnisila.engine.tfjs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which to run the nodes that some outputs need, and how many times each node's outputs
 * are read, so that a run can free a tensor after its last reader.
 *
 * @param order the needed nodes, every node after the nodes it reads (Const and Placeholder included)
 * @param reads per node, how many input slots of later nodes in the plan read one of its outputs
 */
record GraphPlan(List<GraphNode> order, Map<String, Integer> reads) {

    /**
     * @param nodes every node of the graph by name
     * @param outputs the node names wanted
     * @param file the model file, for messages
     * @return the plan
     * @throws TfjsModelException for an unknown output or input name, or a cycle
     */
    static GraphPlan of(Map<String, GraphNode> nodes, List<String> outputs, String file) {
        List<GraphNode> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> onPath = new HashSet<>();
        for (String output : outputs) {
            GraphNode start = nodes.get(output);
            if (start == null) {
                throw new TfjsModelException("TF.js model " + file + " has no node named " + output);
            }
            visit(nodes, start, done, onPath, order, file);
        }
        Map<String, Integer> reads = new HashMap<>();
        for (GraphNode n : order) {
            for (TensorRef in : n.inputs()) {
                reads.merge(in.node(), 1, Integer::sum);
            }
        }
        return new GraphPlan(List.copyOf(order), Map.copyOf(reads));
    }

    /** Depth-first, post-order, without recursion (graphs can be deep). */
    private static void visit(Map<String, GraphNode> nodes, GraphNode start, Set<String> done, Set<String> onPath,
            List<GraphNode> order, String file) {
        Deque<GraphNode> stack = new ArrayDeque<>();
        Deque<Integer> next = new ArrayDeque<>();
        if (done.contains(start.name())) {
            return;
        }
        stack.push(start);
        next.push(0);
        onPath.add(start.name());
        while (!stack.isEmpty()) {
            GraphNode n = stack.peek();
            int k = next.pop();
            if (k < n.inputs().size()) {
                next.push(k + 1);
                String name = n.inputs().get(k).node();
                GraphNode in = nodes.get(name);
                if (in == null) {
                    throw new TfjsModelException("TF.js model " + file + ": node " + n.name() + " reads " + name
                            + ", which is not a node of the graph");
                }
                if (onPath.contains(name)) {
                    throw new TfjsModelException("TF.js model " + file + ": the graph has a cycle through " + name);
                }
                if (!done.contains(name)) {
                    stack.push(in);
                    next.push(0);
                    onPath.add(name);
                }
            } else {
                stack.pop();
                onPath.remove(n.name());
                done.add(n.name());
                order.add(n);
            }
        }
    }
}
