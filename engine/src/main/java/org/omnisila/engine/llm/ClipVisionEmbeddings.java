package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;

/**
 * Hugging Face's {@code CLIPVisionEmbeddings} ({@code embeddings}): the frame cut into P x P patches, each
 * patch projected to W (a {@code Conv2d(3, W, kernel P, stride P, bias=False)}), the CLS embedding in front,
 * the learned positions added.
 *
 * <ul>
 *   <li>input: pixels [F, 3, S, S], normalised ({@link ClipFramePreprocessor})
 *   <li>parameters: {@code patch_embedding.weight} [W, 3, P, P], {@code class_embedding} [W], child {@code
 *       position_embedding} ({@link PositionEmbedding}, [1 + G^2, W]), G = S / P
 *   <li>output: [F, 1 + G^2, W]: token 0 the CLS embedding, then the patches row by row (as the convolution's
 *       output flattened), each plus its position
 * </ul>
 *
 * <p>With kernel = stride and no padding the convolution is a matrix product over non-overlapping patches, and
 * is computed as one: each patch flattened in the weight's (channel, row, column) order times the weight as
 * [W, 3 P^2]. Same numbers, no convolution operator (the test checks it against PyTorch's {@code conv2d}).
 * The {@code patch_embedding} weight is held directly here under that dotted name, as Hugging Face's key has
 * it.
 */
public final class ClipVisionEmbeddings extends SingleInputBlock {
    private final int imageSize;
    private final int patchSize;
    private final int width;
    private final Parameter patchWeight;
    private final Parameter classEmbedding;
    private final PositionEmbedding positionEmbedding;

    /** @param config S, P, W */
    public ClipVisionEmbeddings(ClipVisionConfig config) {
        imageSize = config.imageSize();
        patchSize = config.patchSize();
        width = config.hiddenSize();
        patchWeight = addParameter("patch_embedding.weight", Parameter.Type.WEIGHT,
                new Shape(width, 3, patchSize, patchSize));
        classEmbedding = addParameter("class_embedding", Parameter.Type.WEIGHT, new Shape(width));
        positionEmbedding = addChildBlock("position_embedding",
                new PositionEmbedding(config.numPositions(), width));
    }

    /** @return the tokens [F, 1 + G^2, W] of pixels [F, 3, S, S] */
    @Override
    public NDArray apply(ParameterStore ps, NDArray pixels, boolean training) {
        Shape s = pixels.getShape();
        if (s.dimension() != 4 || s.get(1) != 3 || s.get(2) != imageSize || s.get(3) != imageSize) {
            throw new IllegalArgumentException("the vision tower expects pixels [F, 3, " + imageSize + ", "
                    + imageSize + "], got " + s);
        }
        long frames = s.get(0);
        int g = imageSize / patchSize;
        NDArray patches = pixels.reshape(frames, 3, g, patchSize, g, patchSize) // [F, 3, G, P, G, P]
                .transpose(0, 2, 4, 1, 3, 5) // [F, G, G, 3, P, P]
                .reshape(frames, (long) g * g, 3L * patchSize * patchSize); // [F, G^2, 3 P^2]
        NDArray weight = value(ps, patchWeight, pixels, training);
        NDArray kernel = passLocal(weight.reshape(width, 3L * patchSize * patchSize), weight, pixels);
        NDArray patchTokens = Linear.linear(patches, kernel).head(); // [F, G^2, W]
        NDArray classValue = value(ps, classEmbedding, pixels, training);
        NDArray cls = passLocal(classValue.reshape(1, 1, width), classValue, pixels)
                .broadcast(frames, 1, width); // [F, 1, W]
        return positionEmbedding.apply(ps, NDArrays.concat(new NDList(cls, patchTokens), 1), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1 + (long) (imageSize / patchSize)
                * (imageSize / patchSize), width)};
    }
}
