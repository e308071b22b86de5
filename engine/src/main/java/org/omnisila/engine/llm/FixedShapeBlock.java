package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * A block whose parameters have their shapes from the {@link LlamaConfig} at construction, as in Hugging Face's
 * modules, instead of DJL's usual shape inference from the first input. So the whole model's parameter names
 * and shapes are known before anything is allocated: a checkpoint is checked against them before a byte of it
 * is read, and the memory a config needs is a sum over them.
 */
abstract class FixedShapeBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    FixedShapeBlock() {
        super(VERSION);
    }

    /** A parameter of a fixed shape, registered under {@code name} (a Hugging Face checkpoint key's last part). */
    protected final Parameter addParameter(String name, Parameter.Type type, Shape shape) {
        return addParameter(Parameter.builder().setName(name).setType(type).optShape(shape).build());
    }

    /** @return the parameter's array on the input's device, as the store hands it out */
    protected static NDArray value(ParameterStore ps, Parameter parameter, NDArray input, boolean training) {
        return ps.getValue(parameter, input.getDevice(), training);
    }

    /**
     * Moves an array made from a parameter for one pass (a reshape, a broadcast) to the input's manager, so that the
     * pass frees it. DJL puts an operation's result on the manager of the array it is called on, here the model's,
     * where it would stay until the model is closed; and everything computed from it afterwards would follow it
     * there. The parameter's own array is never moved.
     *
     * @param derived   what was made from {@code parameter}
     * @param parameter the parameter's array
     * @param input     the pass's input (its manager is the pass's)
     * @return {@code derived}
     */
    protected static NDArray passLocal(NDArray derived, NDArray parameter, NDArray input) {
        if (derived != parameter && derived.getManager() != input.getManager()) {
            derived.attach(input.getManager());
        }
        return derived;
    }

    /** @return the first input's shape: most blocks of the decoder keep [B, T, d] (the others override this) */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /** The children's parameter shapes do not depend on the input, so each child is initialised as it is. */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block child : getChildren().values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }
}
