package org.omnisila.engine.icm;

/**
 * What the attention blocks' builders share: the width d ({@code setUnits}, required) and the number of heads
 * ({@code optHeads}, default 1), which must divide it.
 *
 * @param <B> the concrete builder, returned by the setters for chaining
 */
public abstract class AttentionBuilder<B extends AttentionBuilder<B>> {
    protected int units = -1;
    protected int heads = 1;

    protected AttentionBuilder() {
    }

    /** @param units d, the width of the block's input and output */
    public B setUnits(int units) {
        this.units = units;
        return self();
    }

    /** @param heads h, the number of attention heads (default 1); must divide d */
    public B optHeads(int heads) {
        this.heads = heads;
        return self();
    }

    protected abstract B self();

    /** Fails, naming the block and both values, unless d > 0 and h > 0 divides it. */
    protected void checkUnitsAndHeads(String block) {
        if (units <= 0 || heads <= 0 || units % heads != 0) {
            throw new IllegalArgumentException(block + " needs units > 0 divisible by heads > 0: units=" + units
                    + ", heads=" + heads);
        }
    }
}
