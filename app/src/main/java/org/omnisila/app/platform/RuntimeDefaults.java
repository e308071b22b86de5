package org.omnisila.app.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The system properties the product needs before any library starts, so that an installed package (whose launcher
 * cannot compute per-user paths) behaves as {@code ./omnisila} does: nothing is downloaded at run time, and every
 * cache the libraries keep lies in the product's cache folder ({@link UserFolders}), not in the home folder's
 * {@code .javacpp}, {@code .djl.ai} or {@code .openjfx}.
 *
 * <p>A property already set (on the command line, by {@code ./omnisila}, by a test) is left as it is.
 */
public final class RuntimeDefaults {

    private RuntimeDefaults() {
    }

    /** Sets the defaults in this JVM's system properties; call first thing in {@code main}. */
    public static void apply() {
        apply(System.getProperties(), UserFolders.current());
    }

    /**
     * Sets each default the properties lack.
     *
     * @return the properties that were set by this call, name to value, in a fixed order
     */
    public static Map<String, String> apply(Properties properties, UserFolders folders) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(UserFolders.CACHE_PROPERTY, folders.cache().toString());
        defaults.put(UserFolders.SETTINGS_PROPERTY, folders.settings().toString());
        // DJL: never download an engine or a model; keep its caches with ours (it reads these as properties
        // when the environment does not set them).
        defaults.put("ai.djl.offline", "true");
        defaults.put("DJL_CACHE_DIR", folders.cache().resolve("djl").toString());
        defaults.put("ENGINE_CACHE_DIR", folders.cache().resolve("djl-engines").toString());
        // JavaCPP unpacks FFmpeg's and OpenCV's natives here; JavaFX its own.
        defaults.put("org.bytedeco.javacpp.cachedir", folders.cache().resolve("javacpp").toString());
        defaults.put("javafx.cachedir", folders.cache().resolve("openjfx").toString());
        Map<String, String> set = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : defaults.entrySet()) {
            boolean fromEnvironment = e.getKey().endsWith("_DIR") && System.getenv(e.getKey()) != null;
            String current = properties.getProperty(e.getKey());
            if ((current == null || current.isBlank()) && !fromEnvironment) {
                properties.setProperty(e.getKey(), e.getValue());
                set.put(e.getKey(), e.getValue());
            }
        }
        return set;
    }
}
