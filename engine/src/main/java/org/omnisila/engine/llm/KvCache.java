package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The keys and values of every layer for the positions seen so far, so that a decoding step computes only
 * the new token's. Allocated once for a capacity (prompt + new tokens), as the memory estimate counts it:
 * 2 x L x B x K x capacity x D values.
 *
 * <ul>
 *   <li>per layer: keys and values [B, K, capacity, D], of which the first {@link #length()} positions are filled
 *   <li>the key mask [B, length]: 1 for a real token, 0 for left padding
 * </ul>
 *
 * <p>A step first {@link #extend extends} the cache by its T positions (which gives the mask of all keys for the
 * step's bias), then every layer {@link #store stores} its keys and values of those T positions. A step that
 * fails midway leaves the cache unusable.
 */
public final class KvCache implements AutoCloseable {
    private final NDManager manager;
    private final int batch;
    private final int capacity;
    private final NDArray[] keys;
    private final NDArray[] values;
    private final long[][] mask;
    private int length;

    /**
     * @param config   L, K and D
     * @param batch    B
     * @param capacity the most positions the cache will hold
     * @param parent   where to allocate (on its device); the cache has its own sub-manager, freed by {@link #close}
     * @param type     the model's type
     */
    public KvCache(LlamaConfig config, int batch, int capacity, NDManager parent, DataType type) {
        if (batch <= 0 || capacity <= 0) {
            throw new IllegalArgumentException("a KV cache needs batch > 0 and capacity > 0, got " + batch + ", "
                    + capacity);
        }
        this.manager = parent.newSubManager();
        this.batch = batch;
        this.capacity = capacity;
        Shape shape = new Shape(batch, config.numKeyValueHeads(), capacity, config.headDim());
        keys = new NDArray[config.numHiddenLayers()];
        values = new NDArray[config.numHiddenLayers()];
        for (int l = 0; l < keys.length; l++) {
            keys[l] = manager.zeros(shape, type);
            values[l] = manager.zeros(shape, type);
        }
        mask = new long[batch][capacity];
    }

    /** @return the positions filled so far */
    public int length() {
        return length;
    }

    /** @return the most positions the cache holds */
    public int capacity() {
        return capacity;
    }

    /**
     * Adds T positions.
     *
     * @param newMask [B, T]: 1 for a real token, 0 for padding (on the step's manager)
     * @return the mask of all keys [B, length] after the step, on {@code newMask}'s manager
     * @throws IllegalStateException when the T positions do not fit
     */
    public NDArray extend(NDArray newMask) {
        Shape s = newMask.getShape();
        int t = Math.toIntExact(s.get(1));
        if (s.get(0) != batch) {
            throw new IllegalArgumentException("the cache holds " + batch + " sequences, the step has " + s.get(0));
        }
        if (length + t > capacity) {
            throw new IllegalStateException("the KV cache holds " + capacity + " positions; " + length
                    + " are filled and the step adds " + t);
        }
        long[] added = newMask.toType(DataType.INT64, false).toLongArray();
        long[] all = new long[batch * (length + t)];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(added, b * t, mask[b], length, t);
            System.arraycopy(mask[b], 0, all, b * (length + t), length + t);
        }
        length += t;
        return newMask.getManager().create(all, new Shape(batch, length));
    }

    /**
     * Writes a layer's keys and values of the step's T positions (the last T of {@link #length()}).
     *
     * @param layer the layer's index
     * @param k     keys [B, K, T, D], rotated
     * @param v     values [B, K, T, D]
     * @return views of all keys and values so far [B, K, length, D] each
     */
    public NDList store(int layer, NDArray k, NDArray v) {
        long t = k.getShape().get(2);
        NDIndex newest = new NDIndex(":, :, {}:{}", length - t, length);
        keys[layer].set(newest, k);
        values[layer].set(newest, v);
        NDIndex filled = new NDIndex(":, :, :{}", length);
        NDArray k2 = keys[layer].get(filled);
        NDArray v2 = values[layer].get(filled);
        // views made on the cache's manager (their receiver's): moved to the step's, so each step frees its own
        k2.attach(k.getManager());
        v2.attach(k.getManager());
        return new NDList(k2, v2);
    }

    /**
     * Forgets the positions from {@code newLength} on; the next step overwrites them. For scoring several
     * continuations of one prefix without running the prefix again.
     *
     * @throws IllegalArgumentException for a length below 0 or above {@link #length()}
     */
    public void truncate(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IllegalArgumentException("cannot truncate a cache of " + length + " positions to " + newLength);
        }
        length = newLength;
    }

    @Override
    public void close() {
        manager.close();
    }
}
