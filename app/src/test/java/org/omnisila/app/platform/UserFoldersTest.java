package org.omnisila.app.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class UserFoldersTest {

    @Test
    void linuxFollowsXdgAndFallsBackToTheHomeFolder() {
        UserFolders xdg = UserFolders.of("Linux", Map.of("XDG_CACHE_HOME", "/var/tmp/c", "XDG_CONFIG_HOME", "/etc/u"),
                "/home/ann");
        assertEquals(Path.of("/var/tmp/c/omnisila"), xdg.cache());
        assertEquals(Path.of("/etc/u/omnisila"), xdg.settings());
        UserFolders plain = UserFolders.of("Linux", Map.of(), "/home/ann");
        assertEquals(Path.of("/home/ann/.cache/omnisila"), plain.cache());
        assertEquals(Path.of("/home/ann/.config/omnisila"), plain.settings());
        // The XDG specification: a relative or empty value is to be ignored.
        UserFolders relative = UserFolders.of("Linux", Map.of("XDG_CACHE_HOME", "cache", "XDG_CONFIG_HOME", " "),
                "/home/ann");
        assertEquals(plain, relative);
    }

    @Test
    void windowsAndMacUseTheirOwnPlaces() {
        UserFolders windows = UserFolders.of("Windows 11",
                Map.of("LOCALAPPDATA", "/C/Users/ann/AppData/Local", "APPDATA", "/C/Users/ann/AppData/Roaming"),
                "/C/Users/ann");
        assertEquals(Path.of("/C/Users/ann/AppData/Local/Omnisila/Cache"), windows.cache());
        assertEquals(Path.of("/C/Users/ann/AppData/Roaming/Omnisila"), windows.settings());
        UserFolders mac = UserFolders.of("Mac OS X", Map.of("XDG_CACHE_HOME", "/ignored"), "/Users/ann");
        assertEquals(Path.of("/Users/ann/Library/Caches/Omnisila"), mac.cache());
        assertEquals(Path.of("/Users/ann/Library/Application Support/Omnisila"), mac.settings());
    }

    @Test
    void defaultsFillOnlyWhatIsNotSetAndPointEveryCacheIntoOurs() {
        Properties properties = new Properties();
        properties.setProperty("ai.djl.offline", "false"); // the user's choice stays
        UserFolders folders = new UserFolders(Path.of("/tmp/x/cache"), Path.of("/tmp/x/settings"));
        Map<String, String> set = RuntimeDefaults.apply(properties, folders);
        assertFalse(set.containsKey("ai.djl.offline"));
        assertEquals("false", properties.getProperty("ai.djl.offline"));
        assertEquals("/tmp/x/cache", properties.getProperty(UserFolders.CACHE_PROPERTY));
        assertEquals("/tmp/x/settings", properties.getProperty(UserFolders.SETTINGS_PROPERTY));
        assertEquals("/tmp/x/cache/javacpp", properties.getProperty("org.bytedeco.javacpp.cachedir"));
        assertEquals("/tmp/x/cache/openjfx", properties.getProperty("javafx.cachedir"));
        if (System.getenv("DJL_CACHE_DIR") == null) {
            assertEquals("/tmp/x/cache/djl", properties.getProperty("DJL_CACHE_DIR"));
        }
        for (String value : set.values()) {
            assertTrue(value.equals("true") || value.startsWith("/tmp/x/"), value);
        }
        assertTrue(RuntimeDefaults.apply(properties, folders).isEmpty(), "a second call sets nothing");
    }
}
