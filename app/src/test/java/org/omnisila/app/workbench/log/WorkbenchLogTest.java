package org.omnisila.app.workbench.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkbenchLogTest {
    private final PrintStream original = System.err;

    @AfterEach
    void restore() {
        WorkbenchLog.stop();
        System.setErr(original);
    }

    @Test
    void standardErrorGoesToTheTerminalAndTheFileAndTheLastLaunchIsKept(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(terminal, true, StandardCharsets.UTF_8);
        System.setErr(err);
        Files.writeString(dir.resolve(WorkbenchLog.FILE), "the last launch\n");

        Path file = WorkbenchLog.start(dir);
        assertEquals(dir.resolve(WorkbenchLog.FILE), file);
        assertEquals(file.toString(), WorkbenchLog.where());
        System.err.println("[main] WARN x - a line");
        assertEquals("[main] WARN x - a line\n", terminal.toString(StandardCharsets.UTF_8));
        assertEquals("[main] WARN x - a line\n", Files.readString(file));
        assertEquals("the last launch\n", Files.readString(dir.resolve(WorkbenchLog.PREVIOUS)));

        WorkbenchLog.stop();
        assertSame(err, System.err, "the terminal alone again");
        assertNull(WorkbenchLog.file());
        assertTrue(WorkbenchLog.where().startsWith("standard error"));
    }

    @Test
    void aFolderThatCannotBeWrittenLeavesTheLogOnTheTerminalAndSaysWhy(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        System.setErr(new PrintStream(terminal, true, StandardCharsets.UTF_8));
        Path notAFolder = dir.resolve("file");
        Files.writeString(notAFolder, "x");

        assertNull(WorkbenchLog.start(notAFolder.resolve("logs")));
        assertTrue(terminal.toString(StandardCharsets.UTF_8).startsWith("omnisila: cannot write the log file in "),
                terminal.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(notAFolder.resolve("logs")));
        assertTrue(UnexpectedErrors.message(new IllegalStateException("boom")).contains(
                "boom.\n\nThe window goes on working"));
    }
}
