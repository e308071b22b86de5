package org.omnisila.engine.llm.tuning;

import org.omnisila.engine.llm.LlamaConfig;
import org.omnisila.engine.llm.MemoryEstimate;

import java.util.Locale;

/**
 * Memory and compute of one LoRA tuning step, estimated from the sizes alone, printed before a run starts.
 *
 * <ul>
 * <li>Weights: every parameter (decoder, tower, projector, scene block) at {@code bytesPerValue}.</li>
 * <li>Activations kept for the backward pass, per micro-batch: per decoder layer and sequence
 *     s·h·(34 + 5·a·s/h) values of 2 bytes (Korthikanti et al. 2022, "Reducing Activation Recomputation in Large
 *     Transformer Models", no recomputation: the 34 s·h for the layer's matrices and norms, 5·a·s² for the attention
 *     scores, softmax and its dropout mask), scaled by bytesPerValue / 2. This decoder materialises the attention
 *     scores (no fused attention), so the s² term is real. In mixed precision (a 2-byte base) what runs in float32
 *     adds per layer 24·s·h bytes (the LoRA pairs' float32 inputs, 4 projections x 4 bytes, and the two RMSNorms'
 *     float32 copies) and a·s² bytes (the float32 softmax output beside the 2-byte probabilities). The head: the
 *     logits, their float32 log-softmax and a gradient of that size, 3·s·V float32 values. With gradient
 *     checkpointing ({@code llm.LayerCheckpointing}) only each layer's input, s·h values, is kept, plus one layer's
 *     activations at a time while it is run again. Checked against the measured peak memory of a step by
 *     {@code omnisila bench tune} (docs/full-model.md); each layer runs on its own DJL manager
 *     ({@code llm.LayerScope}), so what autograd does not keep is freed as in PyTorch.</li>
 * <li>Trainable state: weight, gradient and AdamW's m and v, float32 (also on a float16 or bfloat16 base): 16 bytes
 *     per trainable parameter.</li>
 * <li>Compute: 2·N per token forward and 2·N backward (gradients of the activations through the frozen weights;
 *     the pairs' own weight gradients are negligible), N the decoder's parameters, over the batch's tokens;
 *     checkpointing adds a second forward, 2·N more.</li>
 * </ul>
 *
 * @param parameters          all parameters
 * @param trainable           trainable parameters (LoRA pairs, scene block)
 * @param weightBytes         parameters x bytes per value
 * @param activationBytes     one micro-batch's kept activations and logits
 * @param trainableStateBytes 16 bytes per trainable parameter
 * @param flopsPerStep        floating-point operations of one optimizer step
 */
public record TuningEstimate(long parameters, long trainable, long weightBytes, long activationBytes,
                             long trainableStateBytes, double flopsPerStep) {
    /**
     * @param decoder       the decoder's config
     * @param otherParams   tower + projector + scene block parameters
     * @param trainable     trainable parameters
     * @param bytesPerValue 4 (fp32), 2 (fp16/bf16)
     * @param sequence      tokens per example after the frames are expanded (about 2,300 for Video-LLaVA)
     * @param microBatch    examples per forward
     * @param batch         examples per optimizer step
     * @param checkpointing whether the decoder's layers are checkpointed
     */
    public static TuningEstimate of(LlamaConfig decoder, long otherParams, long trainable, int bytesPerValue,
                                    int sequence, int microBatch, int batch, boolean checkpointing) {
        long n = MemoryEstimate.parameters(decoder);
        long all = n + otherParams;
        double s = sequence;
        double h = decoder.hiddenSize();
        double a = decoder.numAttentionHeads();
        double perLayer = s * h * (34 + 5 * a * s / h) * microBatch * (bytesPerValue / 2.0);
        if (bytesPerValue == 2) { // mixed precision: float32 LoRA inputs, RMSNorm copies and softmax output
            perLayer += (24 * s * h + a * s * s) * microBatch;
        }
        double logits = 3.0 * s * decoder.vocabSize() * 4 * microBatch;
        double layers = checkpointing ? s * h * microBatch * bytesPerValue * decoder.numHiddenLayers() + perLayer
                : perLayer * decoder.numHiddenLayers();
        return new TuningEstimate(all, trainable, all * bytesPerValue, (long) (layers + logits), 16L * trainable,
                (checkpointing ? 6.0 : 4.0) * n * s * batch);
    }

    /** @return weights + activations + trainable state */
    public long totalBytes() {
        return weightBytes + activationBytes + trainableStateBytes;
    }

    /** @return seconds per step at the given sustained rate */
    public double secondsPerStep(double flopsPerSecond) {
        return flopsPerStep / flopsPerSecond;
    }

    /** @return one line: memory by part and compute per step */
    public String describe() {
        return String.format(Locale.ROOT, "memory about %s (weights %s for %.3g M parameters, activations %s per "
                        + "micro-batch, LoRA/scene state %s for %.3g M trainable); %.3g TFLOP per step",
                MemoryEstimate.gib(totalBytes()), MemoryEstimate.gib(weightBytes), parameters / 1e6,
                MemoryEstimate.gib(activationBytes), MemoryEstimate.gib(trainableStateBytes), trainable / 1e6,
                flopsPerStep / 1e12);
    }
}
