package org.omnisila.annotator.project;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The second program of the lock and crash tests, run by {@link ChildJvm}.
 *
 * <ul>
 *   <li>{@code hold FILE ANNOTATOR}: opens the project, prints {@code open PID}, keeps it open until its input
 *       ends, closes it and prints {@code closed}.</li>
 *   <li>{@code edit FILE ITEMS...}: opens the project and edits the summaries of the items round and round, for
 *       ever; after each edit has returned (committed) it prints {@code committed STEP ITEM i ok}.</li>
 * </ul>
 */
public final class ProjectChild {

    private ProjectChild() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[1]);
        if (args[0].equals("hold")) {
            try (AnnotationProject project = AnnotationProject.open(file, args[2])) {
                say("open " + ProcessHandle.current().pid());
                while (System.in.read() >= 0) {
                    // Hold the project until the parent closes our input.
                }
            }
            say("closed");
            return;
        }
        long[] items = new long[args.length - 2];
        for (int i = 0; i < items.length; i++) {
            items[i] = Long.parseLong(args[i + 2]);
        }
        AnnotationProject project = AnnotationProject.open(file, "crash-test");
        say("open " + ProcessHandle.current().pid());
        for (long i = 0; ; i++) {
            long item = items[(int) (i % items.length)];
            long step = project.edit(item, ItemField.SUMMARY, "edit " + i).orElseThrow().id();
            say("committed " + step + " " + item + " " + i + " ok");
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
