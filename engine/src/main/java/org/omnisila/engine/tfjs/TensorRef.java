package org.omnisila.engine.tfjs;

/**
 * One output of a graph node, as a node's input list names it: {@code name} for output 0,
 * {@code name:1} for output 1.
 *
 * @param node the producing node's name
 * @param index which of its outputs, from 0
 */
public record TensorRef(String node, int index) {

    /**
     * @param ref {@code name} or {@code name:index} (control inputs, {@code ^name}, are not tensors)
     * @return the parsed reference
     */
    public static TensorRef parse(String ref) {
        int colon = ref.lastIndexOf(':');
        if (colon > 0 && colon < ref.length() - 1 && ref.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            return new TensorRef(ref.substring(0, colon), Integer.parseInt(ref.substring(colon + 1)));
        }
        return new TensorRef(ref, 0);
    }

    @Override
    public String toString() {
        return index == 0 ? node : node + ":" + index;
    }
}
