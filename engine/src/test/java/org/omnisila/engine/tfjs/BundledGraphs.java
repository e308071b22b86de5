package org.omnisila.engine.tfjs;

import ai.djl.Device;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.models.ModelManifest;

/** The bundled emotion and CenterNet graphs, loaded once per test JVM on the CPU (and never closed). */
public final class BundledGraphs {

    private static final Map<String, TfjsGraphModel> LOADED = new ConcurrentHashMap<>();

    private BundledGraphs() {
    }

    /** @return the emotion graph; callers must not close it */
    public static TfjsGraphModel emotion() {
        return get("human-emotion");
    }

    /** @return the CenterNet graph; callers must not close it */
    public static TfjsGraphModel centernet() {
        return get("human-centernet");
    }

    private static TfjsGraphModel get(String name) {
        return LOADED.computeIfAbsent(name,
                n -> TfjsGraphModel.load(ModelManifest.load(n), new ModelFiles(), Device.cpu()));
    }
}
