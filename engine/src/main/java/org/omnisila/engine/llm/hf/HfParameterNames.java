package org.omnisila.engine.llm.hf;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A block's parameters under the names a Hugging Face checkpoint gives them: the child blocks' names joined
 * with dots, then the parameter's ({@code model.layers.0.self_attn.q_proj.weight}).
 *
 * <p>DJL's own {@code getParameters()} names join with "_" and prefix each child with its position ("01model_
 * 02layers_010_..."), which cannot be mapped back, as Hugging Face's names contain "_" themselves. So the tree is
 * walked here, each child's two-digit position prefix taken off: the blocks of {@code engine.llm} are named after
 * the checkpoint's keys, and loading is a name match, not a translation table.
 */
public final class HfParameterNames {
    private HfParameterNames() {
    }

    /** @return every parameter of {@code block} by its Hugging Face name, in the block's order */
    public static Map<String, Parameter> of(Block block) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        walk(block, "", out);
        return out;
    }

    /**
     * @return every block under {@code block} (not itself) by its Hugging Face module name ({@code
     *         model.layers.0.self_attn.q_proj}: a parameter's name without its last part), parents first
     */
    public static Map<String, Block> blocks(Block block) {
        Map<String, Block> out = new LinkedHashMap<>();
        walkBlocks(block, "", out);
        return out;
    }

    private static void walkBlocks(Block block, String prefix, Map<String, Block> out) {
        int position = 1;
        for (Pair<String, Block> child : block.getChildren()) {
            String name = prefix + childName(child.getKey(), position++, prefix);
            out.put(name, child.getValue());
            walkBlocks(child.getValue(), name + ".", out);
        }
    }

    private static String childName(String key, int position, String prefix) {
        String numbered = String.format(Locale.ROOT, "%02d", position);
        if (!key.startsWith(numbered)) {
            throw new IllegalStateException("child block " + key + " of " + prefix + " is not named by DJL's "
                    + "addChildBlock (expected the prefix " + numbered + ")");
        }
        return key.substring(numbered.length());
    }

    private static void walk(Block block, String prefix, Map<String, Parameter> out) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            out.put(prefix + p.getKey(), p.getValue());
        }
        int position = 1;
        for (Pair<String, Block> child : block.getChildren()) {
            walk(child.getValue(), prefix + childName(child.getKey(), position++, prefix) + ".", out);
        }
    }
}
