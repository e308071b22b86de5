package org.omnisila.app.workbench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The window's background threads: one named daemon thread per kind of work, so closing never waits on them. */
public final class Background {
    private Background() {
    }

    /** @return an executor running tasks one at a time on a daemon thread with this name */
    public static ExecutorService thread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
