package org.omnisila.engine.llm.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.omnisila.engine.llm.ClipVisionModel;
import org.omnisila.engine.llm.DifferentiableCast;
import org.omnisila.engine.llm.Generation;
import org.omnisila.engine.llm.GenerationSettings;
import org.omnisila.engine.llm.LlamaForCausalLM;
import org.omnisila.engine.llm.LlamaGenerator;
import org.omnisila.engine.llm.MmProjector;
import org.omnisila.engine.llm.VisionFeature;
import org.omnisila.engine.llm.hf.LoadedVideoLlava;
import org.omnisila.engine.llm.text.PromptTokens;

/**
 * The full model: Video-LLaVA (video tower, {@code mm_projector}, LLaMA decoder) with the ICM's {@link SceneFusion}
 * in front of the decoder's input by a {@link FusionMode}. Not a block itself: it holds the four blocks, which are
 * loaded separately (their names are the checkpoints' keys) and which training reaches through the accessors to
 * attach LoRA and freeze.
 *
 * <pre>
 * pixels [F, 3, S, S] -> tower, layer -2, CLS + patches [F, N, W] -> projector [F, N, d]        (y_v)
 * x_j [B, T, d_j]     -> SceneFusion -> scene tokens [B, T, d], routing P [B, 4]
 * ids [T]             -> embed_tokens [T, d]                                                  (y_t)
 * -> {@link MultimodalSequence}: [L, d] per video -> decoder -> logits [B, L, V]
 * </pre>
 *
 * <p>Video-LLaVA's {@code encode_videos}: the tower's features of layer {@code mm_vision_select_layer} = -2 with
 * all tokens ({@code mm_vision_select_feature} "patch" keeps the CLS for videos in Video-LLaVA: 257 per frame), then
 * the projector. Precision: the parameters' type (fp32 or fp16 on the CPU; fp16/bf16 on CUDA, as loaded); pixels and scene
 * tokens are cast to it.
 */
public final class VideoLlava {
    private final ClipVisionModel tower;
    private final MmProjector projector;
    private final LlamaForCausalLM decoder;
    private final SceneFusion fusion;
    private final FusionMode mode;
    private final NDManager manager;

    /**
     * @param tower     the video tower
     * @param projector the mm_projector (its input width the tower's, its output the decoder's)
     * @param decoder   the LLaMA decoder with its head
     * @param fusion    the ICM's scene block; null with {@link FusionMode#NONE}, or when the scene tokens are
     *                  given ({@link #sequences}, {@link #generateWithSceneTokens})
     * @param mode      where the scene tokens go
     * @param manager   the manager the decoder's parameters live on (generation works on sub-managers of it)
     */
    public VideoLlava(ClipVisionModel tower, MmProjector projector, LlamaForCausalLM decoder, SceneFusion fusion,
                      FusionMode mode, NDManager manager) {
        this.tower = tower;
        this.projector = projector;
        this.decoder = decoder;
        this.fusion = fusion;
        this.mode = mode;
        this.manager = manager;
    }

    /**
     * @param loaded a loaded Video-LLaVA folder ({@code VideoLlavaLoader})
     * @param fusion the ICM's scene block, or null
     * @param mode   where the scene tokens go
     * @return the model over the loaded parts (closing {@code loaded} frees them)
     */
    public static VideoLlava of(LoadedVideoLlava loaded, SceneFusion fusion, FusionMode mode) {
        return new VideoLlava(loaded.tower().block(), loaded.projector().block(), loaded.decoder().model(), fusion,
                mode, loaded.decoder().manager());
    }

    /** Logits of a training batch with its expanded labels, and the routing for L_rb. */
    public record Forward(NDArray logits, MultimodalBatch batch, NDArray routing) {
    }

    /**
     * @param pixels one video's frames [F, 3, S, S] ({@code ClipFramePreprocessor})
     * @return its projected tokens [F, N, d]
     */
    public NDArray videoTokens(ParameterStore ps, NDArray pixels, boolean training) {
        NDArray features = tower.features(ps, pixels.toType(type(), false), ClipVisionModel.VIDEO_LLAVA_SELECT_LAYER,
                VisionFeature.CLS_PATCH, training); // [F, N, W]
        return projector.apply(ps, features, training); // [F, N, d]
    }

    /**
     * @param scenes the four scene features x_j [B, T, d_j]
     * @return scene tokens [B, T, d] and routing P [B, 4]; null with {@link FusionMode#NONE}
     */
    public NDList sceneTokens(ParameterStore ps, NDList scenes, boolean training) {
        if (mode == FusionMode.NONE) {
            return null;
        }
        if (fusion == null || scenes == null) {
            throw new IllegalArgumentException("fusion mode " + mode + " needs a SceneFusion block and the four scene "
                    + "features");
        }
        return fusion.forward(ps, scenes, training);
    }

    /**
     * A training forward pass over the full sequences.
     *
     * @param ids            per video: token ids [T_b] with F placeholders
     * @param labels         per video: labels [T_b] (-100 where not supervised)
     * @param imagePositions per video: the placeholders' indices
     * @param pixels         per video: frames [F, 3, S, S]
     * @param scenes         the four x_j [B, T, d_j]; null with {@link FusionMode#NONE}
     * @return logits [B, L, V], the right-padded batch (expanded labels, mask), routing P [B, 4] or null
     */
    public Forward forward(ParameterStore ps, List<long[]> ids, List<long[]> labels, List<int[]> imagePositions,
                           List<NDArray> pixels, NDList scenes, boolean training) {
        Inputs in = inputs(ps, ids, labels, imagePositions, pixels, scenes, training);
        NDArray logits = decoder.logitsFromEmbeddings(ps, in.batch().embeddings(), in.batch().padding(), null, false,
                training); // [B, L, V]
        return new Forward(logits, in.batch(), in.routing());
    }

    /** The decoder's input of a training batch (embeddings, padding, expanded labels) and the routing for L_rb. */
    public record Inputs(MultimodalBatch batch, NDArray routing) {
    }

    /**
     * {@link #forward} up to the decoder: what a checkpointed backward pass ({@code llm.LayerCheckpointing}) starts
     * from. Same arguments.
     *
     * @return the right-padded batch and routing P [B, 4] (null with {@link FusionMode#NONE})
     */
    public Inputs inputs(ParameterStore ps, List<long[]> ids, List<long[]> labels, List<int[]> imagePositions,
                         List<NDArray> pixels, NDList scenes, boolean training) {
        NDList scene = sceneTokens(ps, scenes, training);
        MultimodalBatch batch = MultimodalSequence.batch(sequences(ps, ids, labels, imagePositions, pixels,
                scene == null ? null : scene.get(0), training));
        return new Inputs(batch, scene == null ? null : scene.get(1));
    }

    /**
     * The multimodal sequences of a batch, from given scene tokens (the reference test fixes them; {@link #forward}
     * computes them with the {@link SceneFusion}).
     *
     * @param labels      per video, or null (generation: all prompt)
     * @param sceneTokens [B, T_s, d], or null with {@link FusionMode#NONE}
     * @return one sequence [L_b, d] per video
     */
    public List<MultimodalSequence.Sequence> sequences(ParameterStore ps, List<long[]> ids, List<long[]> labels,
                                                       List<int[]> imagePositions, List<NDArray> pixels,
                                                       NDArray sceneTokens, boolean training) {
        if (ids.size() != pixels.size() || ids.size() != imagePositions.size()
                || (labels != null && labels.size() != ids.size())) {
            throw new IllegalArgumentException("ids, image positions, labels and videos differ in number: "
                    + ids.size() + ", " + imagePositions.size() + ", " + (labels == null ? "-" : labels.size())
                    + ", " + pixels.size());
        }
        if (mode != FusionMode.NONE && (sceneTokens == null || sceneTokens.getShape().get(0) != ids.size())) {
            throw new IllegalArgumentException("fusion mode " + mode + " needs scene tokens [" + ids.size()
                    + ", T, d], got " + (sceneTokens == null ? "none" : sceneTokens.getShape()));
        }
        List<MultimodalSequence.Sequence> out = new ArrayList<>();
        for (int b = 0; b < ids.size(); b++) {
            NDArray video = videoTokens(ps, pixels.get(b), training); // [F, N, d]
            NDArray text = decoder.embed(ps, video.getManager().create(ids.get(b)), training); // [T, d]
            NDArray scene = mode == FusionMode.NONE ? null : DifferentiableCast.to(sceneTokens.get(b), type()); // [T_s, d]
            MultimodalItem item = new MultimodalItem(ids.get(b), labels == null ? null : labels.get(b),
                    imagePositions.get(b), video, scene);
            out.add(MultimodalSequence.build(item, text, mode));
        }
        return out;
    }

    /**
     * Answers prompts about videos: builds each prompt's sequence (no labels: ADD reaches every prompt text
     * position), then {@link LlamaGenerator#generateFromEmbeddings} (left padding, cache, stop tokens and
     * conditions of {@code settings}). Generated tokens get no scene vector.
     *
     * @param prompts per video: ids and placeholder positions ({@code VicunaTemplate.tokens})
     * @param pixels  per video: frames [F, 3, S, S]
     * @param scenes  the four x_j [B, T, d_j]; null with {@link FusionMode#NONE}
     * @return the new tokens per video
     */
    public Generation generate(List<PromptTokens> prompts, List<NDArray> pixels, NDList scenes,
                               GenerationSettings settings) {
        try (NDManager work = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(work, false);
            NDList scene = sceneTokens(ps, scenes, false);
            return generate(prompts, pixels, scene == null ? null : scene.get(0), settings, ps);
        }
    }

    /** {@link #generate} with given scene tokens [B, T_s, d] (null with NONE). */
    public Generation generateWithSceneTokens(List<PromptTokens> prompts, List<NDArray> pixels, NDArray sceneTokens,
                                              GenerationSettings settings) {
        try (NDManager work = manager.newSubManager()) {
            return generate(prompts, pixels, sceneTokens, settings, new ParameterStore(work, false));
        }
    }

    private Generation generate(List<PromptTokens> prompts, List<NDArray> pixels, NDArray sceneTokens,
                                GenerationSettings settings, ParameterStore ps) {
        List<MultimodalSequence.Sequence> seqs = sequences(ps, prompts.stream().map(PromptTokens::ids).toList(),
                null, prompts.stream().map(PromptTokens::imagePositions).toList(), pixels, sceneTokens, false);
        return new LlamaGenerator(decoder, manager).generateFromEmbeddings(
                seqs.stream().map(MultimodalSequence.Sequence::embeddings).toList(), settings);
    }

    private DataType type() {
        return decoder.getParameters().get(0).getValue().getArray().getDataType();
    }

    public ClipVisionModel tower() {
        return tower;
    }

    public MmProjector projector() {
        return projector;
    }

    public LlamaForCausalLM decoder() {
        return decoder;
    }

    /** @return the scene block, or null with {@link FusionMode#NONE} */
    public SceneFusion fusion() {
        return fusion;
    }

    public FusionMode mode() {
        return mode;
    }
}
