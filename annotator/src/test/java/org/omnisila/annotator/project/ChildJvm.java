package org.omnisila.annotator.project;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A second program on the same project: a JVM started with this test's class path running {@link ProjectChild},
 * whose output lines are collected as they come.
 */
final class ChildJvm implements AutoCloseable {

    /** Marks the end of the child's output in {@link #lines}. */
    private static final String END = "\u0000end";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "child-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildJvm start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                ProjectChild.class.getName()));
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("read failed: " + e);
        }
        lines.add(END);
    }

    /** The next output line; null when the child ended. Fails the test after 60 s of silence. */
    String nextLine() throws InterruptedException {
        String line = lines.poll(60, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("the child printed nothing for 60 s");
        }
        return line.equals(END) ? null : line;
    }

    /** Waits for a line starting with {@code prefix}; fails with everything printed before if the child ends. */
    String awaitLine(String prefix) throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        for (String line = nextLine(); line != null; line = nextLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the child ended without printing \"" + prefix + "\":\n" + seen);
    }

    Process process() {
        return process;
    }

    /** Kills the child as a crash would: no shutdown hooks, no closing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
