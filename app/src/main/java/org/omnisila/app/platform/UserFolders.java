package org.omnisila.app.platform;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the product keeps what it writes for one user, in each operating system's own place, never beside the
 * installed files (which an installed package may not even let it write):
 *
 * <table>
 *   <caption>The folders</caption>
 *   <tr><th>OS</th><th>cache (scene cache, kept results, unpacked natives, logs)</th><th>settings</th></tr>
 *   <tr><td>Linux and other Unix</td><td>{@code $XDG_CACHE_HOME/omnisila}, else {@code ~/.cache/omnisila}</td>
 *       <td>{@code $XDG_CONFIG_HOME/omnisila}, else {@code ~/.config/omnisila}</td></tr>
 *   <tr><td>Windows</td><td>{@code %LOCALAPPDATA%\Omnisila\Cache}</td><td>{@code %APPDATA%\Omnisila}</td></tr>
 *   <tr><td>macOS</td><td>{@code ~/Library/Caches/Omnisila}</td>
 *       <td>{@code ~/Library/Application Support/Omnisila}</td></tr>
 * </table>
 *
 * <p>{@code -Domnisila.cache.dir} and {@code -Domnisila.config.dir} override both (the {@code ./omnisila} script and
 * the tests set them). An XDG variable that is empty or not an absolute path is ignored, as the XDG base directory
 * specification says.
 *
 * @param cache    the cache folder
 * @param settings the settings folder
 */
public record UserFolders(Path cache, Path settings) {

    /** The system property that overrides the cache folder (the engine's model cache reads it too). */
    public static final String CACHE_PROPERTY = "omnisila.cache.dir";
    /** The system property that overrides the settings folder. */
    public static final String SETTINGS_PROPERTY = "omnisila.config.dir";

    /** The folders of this process: the overriding properties, else this OS's places for the user. */
    public static UserFolders current() {
        UserFolders standard = of(System.getProperty("os.name", ""), System.getenv(),
                System.getProperty("user.home"));
        return new UserFolders(property(CACHE_PROPERTY, standard.cache()),
                property(SETTINGS_PROPERTY, standard.settings()));
    }

    /**
     * The OS's places, from its name, the environment and the home folder (a pure function, for tests).
     *
     * @param osName as {@code os.name} reads ("Linux", "Windows 11", "Mac OS X")
     */
    public static UserFolders of(String osName, Map<String, String> env, String home) {
        String os = osName.toLowerCase(Locale.ROOT);
        Path userHome = Path.of(home);
        if (os.startsWith("windows")) {
            Path local = absolute(env.get("LOCALAPPDATA"), userHome.resolve("AppData").resolve("Local"));
            Path roaming = absolute(env.get("APPDATA"), userHome.resolve("AppData").resolve("Roaming"));
            return new UserFolders(local.resolve("Omnisila").resolve("Cache"), roaming.resolve("Omnisila"));
        }
        if (os.startsWith("mac")) {
            Path library = userHome.resolve("Library");
            return new UserFolders(library.resolve("Caches").resolve("Omnisila"),
                    library.resolve("Application Support").resolve("Omnisila"));
        }
        return new UserFolders(absolute(env.get("XDG_CACHE_HOME"), userHome.resolve(".cache")).resolve("omnisila"),
                absolute(env.get("XDG_CONFIG_HOME"), userHome.resolve(".config")).resolve("omnisila"));
    }

    private static Path absolute(String value, Path otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        Path path = Path.of(value);
        return path.isAbsolute() ? path : otherwise;
    }

    private static Path property(String name, Path otherwise) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        if (value.equals("~") || value.startsWith("~/")) {
            return Path.of(System.getProperty("user.home"), value.substring(1).replaceFirst("^/", ""));
        }
        return Path.of(value);
    }
}
