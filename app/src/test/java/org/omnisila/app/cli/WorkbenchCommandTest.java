package org.omnisila.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WorkbenchCommandTest {
    @Test
    void withoutADisplayTheCommandSaysWhatToDo() {
        String platform = System.clearProperty("glass.platform");
        try {
            org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("DISPLAY") == null
                    && System.getenv("WAYLAND_DISPLAY") == null, "a display is present");
            CliRun cli = new CliRun();
            assertEquals(1, cli.run());
            assertTrue(cli.err.toString().contains("no display") && cli.err.toString().contains("omnisila --help"),
                    cli.err.toString());
        } finally {
            if (platform != null) {
                System.setProperty("glass.platform", platform);
            }
        }
    }
}
