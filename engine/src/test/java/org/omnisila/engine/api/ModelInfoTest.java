package org.omnisila.engine.api;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.omnisila.engine.api.Invalid.assertInvalid;

import org.junit.jupiter.api.Test;

class ModelInfoTest {

    @Test
    void checkpointMayBeAbsent() {
        assertNull(new ModelInfo("ICM", "small", null, "cpu").checkpointSha256());
    }

    @Test
    void rejectsBadValues() {
        assertInvalid("name", "name must not be blank but was \"\"", () -> new ModelInfo("", "small", null, "cpu"));
        assertInvalid("config", "config is required but was null", () -> new ModelInfo("ICM", null, null, "cpu"));
        assertInvalid("checkpointSha256", "checkpointSha256 must be 64 lowercase hexadecimal digits (SHA-256)"
                + " but was \"abc\"", () -> new ModelInfo("ICM", "small", "abc", "cpu"));
        assertInvalid("device", "device must not be blank but was \" \"",
                () -> new ModelInfo("ICM", "full", Examples.CHECKPOINT_SHA, " "));
    }
}
