package org.omnisila.engine.llm;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import org.omnisila.engine.icm.Scalars;

/**
 * The backward pass of a training step through the decoder with activation (gradient) checkpointing per layer, as
 * Hugging Face's {@code gradient_checkpointing_enable()} does with {@code torch.utils.checkpoint}: the layers run
 * forward with grad mode off, keeping only each layer's input [B, T, d]; then, from the last layer to the first,
 * each layer is run again with grad mode on from its kept input and back-propagated at once, and its input's
 * gradient becomes the next (earlier) layer's output gradient. Only one layer's activations (its attention scores
 * [B, H, T, T] above all) are alive at a time, for the price of a second forward pass of every layer.
 *
 * <p>DJL has no way to hand {@code backward} an output gradient g, so layer l is back-propagated from the scalar
 * sum(y_l * g), whose gradient with respect to y_l is g.
 *
 * <p>Randomness: a layer's dropout (LoRA's) must draw the same mask in both of its forward passes, as {@code
 * checkpoint(preserve_rng_state=True)} ensures. Here the engine's generator is seeded with {@code layerSeed(l)}
 * before each of the two passes of layer l. The masks then differ from those of a run without checkpointing (whose
 * generator runs on from one seed), so with dropout the two runs are equally valid but not equal; without dropout
 * they give the same gradients.
 *
 * <p>Memory: DJL frees an array when its manager closes, not when autograd lets go of it, so each layer's two
 * passes (and the head's) run on a manager of their own, closed after them: only the layer inputs, the current
 * output gradient and one layer's arrays are alive at a time.
 *
 * <p>What the input embeddings x came from (the scene block, in stage 2) keeps its graph: layer 0 is run from x
 * itself, and {@code extra} (L_rb, which shares that graph) is back-propagated together with layer 0.
 */
public final class LayerCheckpointing {
    private LayerCheckpointing() {
    }

    /**
     * Back-propagates loss(logits) + extra through the decoder, accumulating the parameters' gradients.
     *
     * @param ps        the parameter store
     * @param decoder   the decoder (its trainable parameters, e.g. LoRA pairs, receive the gradients)
     * @param x         input embeddings [B, T, d], with whatever graph produced them
     * @param padding   [B, T]: 1 real, 0 padding; null when all are real
     * @param loss      the loss of the logits [B, T, V] (a differentiable scalar)
     * @param extra     a scalar to back-propagate with layer 0 (it may share x's graph), or null
     * @param scale     multiplies everything back-propagated (fp16's loss scale; 1 for none)
     * @param collector the step's gradient collector (grad mode on)
     * @param layerSeed the generator's seed for layer l's two passes
     * @return loss(logits), unscaled
     */
    public static float backward(ParameterStore ps, LlamaForCausalLM decoder, NDArray x, NDArray padding,
                                 Function<NDArray, NDArray> loss, NDArray extra, double scale,
                                 GradientCollector collector, IntUnaryOperator layerSeed) {
        LlamaModel model = decoder.model();
        List<LlamaDecoderLayer> layers = model.layers();
        NDManager pass = x.getManager();
        Engine engine = pass.getEngine();
        StepContext step = model.context(x, padding, null);
        // forward without a graph, keeping each layer's input; each layer's own arrays are freed after it
        List<NDArray> inputs = new ArrayList<>(layers.size());
        NDArray h = x;
        boolean was = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (int l = 0; l < layers.size(); l++) {
                inputs.add(h);
                LlamaDecoderLayer layer = layers.get(l);
                engine.setRandomSeed(layerSeed.applyAsInt(l));
                h = LayerScope.run(h, in -> layer.apply(ps, in, step, true)); // [B, T, d]
            }
        } finally {
            JniUtils.setGradMode(was);
        }
        // the head and the loss, from the last output as a leaf
        h.setRequiresGradient(true);
        float out;
        NDArray g;
        try (NDManager head = pass.newSubManager()) {
            h.tempAttach(head);
            NDArray value = loss.apply(decoder.head(ps, model.finalNorm(ps, h, true), false, true));
            out = value.getFloat();
            collector.backward(Scalars.mul(value, scale));
            g = h.getGradient().duplicate(); // [B, T, d]: d(scaled loss)/d(last output)
            g.attach(pass);
        }
        // each layer again, last to first
        for (int l = layers.size() - 1; l >= 0; l--) {
            NDArray in = l == 0 ? x : inputs.get(l);
            if (l > 0) {
                in.setRequiresGradient(true);
            }
            try (NDManager layer = pass.newSubManager()) {
                in.tempAttach(layer);
                engine.setRandomSeed(layerSeed.applyAsInt(l));
                NDArray y = layers.get(l).apply(ps, in, step, true); // [B, T, d]
                NDArray target = y.mul(g).sum();
                if (l == 0 && extra != null) {
                    target = target.add(Scalars.mul(extra, scale));
                }
                collector.backward(target);
                g.close();
                if (l > 0) {
                    g = in.getGradient().duplicate(); // [B, T, d]
                    g.attach(pass);
                }
            }
            if (l > 0) {
                in.close(); // back on the pass's manager: its input and gradient are no longer needed
            }
        }
        return out;
    }
}
