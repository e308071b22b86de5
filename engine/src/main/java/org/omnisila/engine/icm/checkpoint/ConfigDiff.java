package org.omnisila.engine.icm.checkpoint;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.omnisila.engine.icm.IcmConfig;

/**
 * The fields in which two {@link IcmConfig}s differ, read from the record's components so that a field added
 * to the config is compared without touching this class. Every field counts, the name included: a checkpoint
 * is loaded only into the model it was trained as.
 */
final class ConfigDiff {

    private ConfigDiff() {
    }

    /**
     * @param stored the checkpoint's config
     * @param expected the config of the model being loaded
     * @return one entry per differing field, e.g. {@code hidden 64 in the checkpoint, 32 expected}; empty when
     *         equal
     */
    static List<String> between(IcmConfig stored, IcmConfig expected) {
        List<String> out = new ArrayList<>();
        for (RecordComponent field : IcmConfig.class.getRecordComponents()) {
            Object a = value(field, stored);
            Object b = value(field, expected);
            if (!Objects.equals(a, b)) {
                out.add(field.getName() + " " + a + " in the checkpoint, " + b + " expected");
            }
        }
        return out;
    }

    private static Object value(RecordComponent field, IcmConfig config) {
        try {
            return field.getAccessor().invoke(config);
        } catch (IllegalAccessException | InvocationTargetException e) {
            // public accessors of a public record: cannot happen
            throw new IllegalStateException("cannot read IcmConfig." + field.getName(), e);
        }
    }
}
