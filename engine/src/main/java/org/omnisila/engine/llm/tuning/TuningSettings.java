package org.omnisila.engine.llm.tuning;

import org.omnisila.engine.icm.RouterLoss;
import org.omnisila.engine.llm.lora.LoraConfig;
import org.omnisila.engine.llm.video.FusionMode;

import java.util.List;

/**
 * The settings of one LoRA tuning run of the full model ({@link FullIcmTrainer}), with the paper's values as
 * {@link #paper} (section 4.3: AdamW, learning rate 2e-5, warm-up ratio 0.03, LoRA r 16 / alpha 64 / dropout 0.05,
 * alpha and beta of L_rb 1e-4 and 1e-2, three epochs, batch size 8) and what Video-LLaVA's train.py adds by default
 * (Hugging Face Trainer: weight decay 0, cosine decay after the warm-up, {@code max_grad_norm} 1.0,
 * {@code model_max_length} 2048).
 *
 * @param stage          which stage: scene-tuning (LoRA only, no scene block) or Omni-SILA tuning (LoRA + scene block)
 * @param epochs         passes over the training set, &gt;= 1
 * @param batchSize      examples per optimizer step (the effective batch), &gt;= 1
 * @param accumulate     micro-batches each batch is cut into (gradient accumulation), 1 .. batchSize
 * @param learningRate   peak learning rate
 * @param warmupRatio    linear warm-up over this share of the steps, then cosine decay to 0
 * @param weightDecay    AdamW's decoupled weight decay
 * @param maxGradNorm    clip the gradients' global L2 norm to this (torch.nn.utils.clip_grad_norm_); infinite for
 *                       none
 * @param lora           the LoRA pairs to attach (ignored when starting from a stage-1 adapter, whose config is kept)
 * @param fusion         where the scene tokens go in stage 2 (ADD is the paper's); NONE in stage 1
 * @param maxLength      Video-LLaVA's {@code tokenizer_model_max_length}, counting each frame's embeddings
 * @param seed           seeds LoRA's and the scene block's initialisation, dropout, the shuffle and K-means
 * @param routerAlpha    alpha of L_rb (entropy term)
 * @param routerBeta     beta of L_rb (load-balancing term)
 * @param dictionaryRows at most this many y_moe rows (frames) go into the IEC dictionary's K-means
 * @param checkpointing  gradient checkpointing of the decoder's layers ({@code llm.LayerCheckpointing}): keep only
 *                       each layer's input and run the layer again in the backward pass (Video-LLaVA's
 *                       {@code --gradient_checkpointing True}); off by default
 */
public record TuningSettings(InstructionDataset.Stage stage, int epochs, int batchSize, int accumulate,
                             float learningRate, double warmupRatio, float weightDecay, float maxGradNorm,
                             LoraConfig lora, FusionMode fusion, int maxLength, long seed, float routerAlpha,
                             float routerBeta, int dictionaryRows, boolean checkpointing) {
    /** Checks. */
    public TuningSettings {
        if (stage == null || epochs < 1 || batchSize < 1 || accumulate < 1 || accumulate > batchSize
                || !(learningRate > 0) || !(warmupRatio >= 0 && warmupRatio < 1) || !(weightDecay >= 0)
                || !(maxGradNorm > 0) || lora == null || fusion == null || maxLength < 1 || !(routerAlpha >= 0)
                || !(routerBeta >= 0) || dictionaryRows < 1) {
            throw new IllegalArgumentException("bad tuning settings: stage " + stage + ", epochs " + epochs
                    + ", batch " + batchSize + ", accumulate " + accumulate + " (1 .. batch), lr " + learningRate
                    + ", warm-up " + warmupRatio + ", weight decay " + weightDecay + ", max grad norm " + maxGradNorm
                    + ", fusion " + fusion + ", max length " + maxLength);
        }
        if ((stage == InstructionDataset.Stage.SCENE_TUNING) != (fusion == FusionMode.NONE)) {
            throw new IllegalArgumentException("stage " + stage.folder() + " needs fusion "
                    + (stage == InstructionDataset.Stage.SCENE_TUNING ? "NONE" : "ADD or APPEND") + ", got " + fusion);
        }
    }

    /**
     * The paper's recipe for a stage: 3 epochs, batch 8 in one micro-batch, lr 2e-5, warm-up 0.03, no weight decay,
     * global-norm clip 1.0, LoRA 16/64/0.05 on the attention projections, fusion ADD in stage 2, max length 2048,
     * seed 1, L_rb 1e-4 / 1e-2, 20,000 dictionary rows.
     */
    public static TuningSettings paper(InstructionDataset.Stage stage) {
        return new TuningSettings(stage, 3, 8, 1, 2e-5f, 0.03, 0f, 1f, LoraConfig.paper(LoraConfig.ATTENTION),
                stage == InstructionDataset.Stage.SCENE_TUNING ? FusionMode.NONE : FusionMode.ADD, 2048, 1,
                RouterLoss.DEFAULT_ALPHA, RouterLoss.DEFAULT_BETA, 20_000, false);
    }

    /** @return examples per micro-batch: ceil(batch / accumulate) */
    public int microBatchSize() {
        return (batchSize + accumulate - 1) / accumulate;
    }

    /** @return optimizer steps for {@code examples} training examples */
    public int totalSteps(int examples) {
        return epochs * Math.max(1, (examples + batchSize - 1) / batchSize);
    }

    /** @return whether this is stage 2 (a scene block is trained) */
    public boolean scenes() {
        return fusion != FusionMode.NONE;
    }

    public TuningSettings withEpochs(int e) {
        return new TuningSettings(stage, e, batchSize, accumulate, learningRate, warmupRatio, weightDecay, maxGradNorm,
                lora, fusion, maxLength, seed, routerAlpha, routerBeta, dictionaryRows, checkpointing);
    }

    public TuningSettings withBatch(int batch, int micro) {
        return new TuningSettings(stage, epochs, batch, micro, learningRate, warmupRatio, weightDecay, maxGradNorm,
                lora, fusion, maxLength, seed, routerAlpha, routerBeta, dictionaryRows, checkpointing);
    }

    public TuningSettings withLearningRate(float lr, double warmup) {
        return new TuningSettings(stage, epochs, batchSize, accumulate, lr, warmup, weightDecay, maxGradNorm, lora,
                fusion, maxLength, seed, routerAlpha, routerBeta, dictionaryRows, checkpointing);
    }

    public TuningSettings withLora(LoraConfig l) {
        return new TuningSettings(stage, epochs, batchSize, accumulate, learningRate, warmupRatio, weightDecay,
                maxGradNorm, l, fusion, maxLength, seed, routerAlpha, routerBeta, dictionaryRows, checkpointing);
    }

    public TuningSettings withFusion(FusionMode f) {
        return new TuningSettings(stage, epochs, batchSize, accumulate, learningRate, warmupRatio, weightDecay,
                maxGradNorm, lora, f, maxLength, seed, routerAlpha, routerBeta, dictionaryRows, checkpointing);
    }

    public TuningSettings withMaxLength(int m) {
        return new TuningSettings(stage, epochs, batchSize, accumulate, learningRate, warmupRatio, weightDecay,
                maxGradNorm, lora, fusion, m, seed, routerAlpha, routerBeta, dictionaryRows, checkpointing);
    }

    public TuningSettings withSeed(long s) {
        return new TuningSettings(stage, epochs, batchSize, accumulate, learningRate, warmupRatio, weightDecay,
                maxGradNorm, lora, fusion, maxLength, s, routerAlpha, routerBeta, dictionaryRows, checkpointing);
    }

    public TuningSettings withMaxGradNorm(float n) {
        return new TuningSettings(stage, epochs, batchSize, accumulate, learningRate, warmupRatio, weightDecay, n,
                lora, fusion, maxLength, seed, routerAlpha, routerBeta, dictionaryRows, checkpointing);
    }

    public TuningSettings withCheckpointing(boolean on) {
        return new TuningSettings(stage, epochs, batchSize, accumulate, learningRate, warmupRatio, weightDecay,
                maxGradNorm, lora, fusion, maxLength, seed, routerAlpha, routerBeta, dictionaryRows, on);
    }

    /** @return the LoRA target list for the CLI's "attention" or "all" */
    public static List<String> targets(String which) {
        return switch (which) {
            case "attention" -> LoraConfig.ATTENTION;
            case "all" -> {
                List<String> all = new java.util.ArrayList<>(LoraConfig.ATTENTION);
                all.addAll(LoraConfig.MLP);
                yield List.copyOf(all);
            }
            default -> throw new IllegalArgumentException("--lora-targets must be attention or all, got " + which);
        };
    }
}
