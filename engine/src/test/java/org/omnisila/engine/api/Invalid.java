package org.omnisila.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;

/** Asserts that building a record fails with a given field and message. */
final class Invalid {

    private Invalid() {
    }

    static void assertInvalid(String field, String message, Executable construction) {
        ResultValidationException e = assertThrows(ResultValidationException.class, construction);
        assertEquals(message, e.getMessage());
        assertEquals(field, e.field());
    }
}
