package org.omnisila.app.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.SourceDataLine;

/** The Java runtime, what the window needs (JavaFX, GTK, a display) and the audio device. */
final class RuntimeChecks {
    /** Where Debian, Fedora and Arch keep shared libraries. */
    private static final List<String> LIBRARY_DIRS = List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib",
            "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu");

    private RuntimeChecks() {
    }

    static Finding java() {
        Runtime.Version v = Runtime.version();
        String detail = System.getProperty("java.vm.name") + " " + v + " (" + System.getProperty("java.home")
                + "), heap up to " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, "
                + Runtime.getRuntime().availableProcessors() + " processors";
        return v.feature() >= 17 ? Finding.ok("Java runtime", detail)
                : Finding.problem("Java runtime", detail, "Install a JDK 17 or newer.");
    }

    /**
     * JavaFX's version from the {@code javafx.properties} that javafx.base carries, found the same way on the
     * module path (the installed packages) and on the class path ({@code ./omnisila}); null when it is absent.
     */
    static String javafxVersion() {
        try {
            Module base = Class.forName("javafx.beans.Observable").getModule(); // javafx.base, or the unnamed one
            try (java.io.InputStream in = base.isNamed() ? base.getResourceAsStream("/javafx.properties")
                    : RuntimeChecks.class.getResourceAsStream("/javafx.properties")) {
                if (in == null) {
                    return null;
                }
                java.util.Properties properties = new java.util.Properties();
                properties.load(in);
                return properties.getProperty("javafx.runtime.version", properties.getProperty("javafx.version"));
            }
        } catch (ClassNotFoundException | LinkageError | java.io.IOException e) {
            return null;
        }
    }

    static Finding javafx() {
        String version = javafxVersion();
        if (version == null) {
            return Finding.problem("JavaFX", "javafx.base is on neither the module path nor the class path",
                    "Reinstall Omni-SILA (or rebuild: ./mvnw package).");
        }
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return Finding.ok("JavaFX", version);
        }
        boolean gtk = LIBRARY_DIRS.stream().anyMatch(d -> Files.exists(Path.of(d, "libgtk-3.so.0")));
        if (!gtk) {
            return Finding.problem("JavaFX", version + "; GTK 3 (libgtk-3.so.0) not found",
                    "The window needs GTK 3: sudo apt-get install libgtk-3-0 (Debian/Ubuntu) or the package of "
                            + "your distribution.");
        }
        String display = System.getenv("DISPLAY") != null ? "DISPLAY=" + System.getenv("DISPLAY")
                : System.getenv("WAYLAND_DISPLAY") != null ? "WAYLAND_DISPLAY=" + System.getenv("WAYLAND_DISPLAY")
                : null;
        if (display == null) {
            return Finding.note("JavaFX", version + ", GTK 3 present; no display (DISPLAY is not set)",
                    "The window needs a desktop session or xvfb-run; the command-line tools work without.");
        }
        return Finding.ok("JavaFX", version + ", GTK 3 present, " + display);
    }

    static Finding audio() {
        AudioFormat format = new AudioFormat(48_000, 16, 2, true, false);
        try {
            SourceDataLine line = (SourceDataLine) AudioSystem.getLine(new DataLine.Info(SourceDataLine.class,
                    format));
            line.open(format);
            line.close();
            return Finding.ok("Audio", "an output line for 48 kHz 16-bit stereo opens ("
                    + AudioSystem.getMixerInfo().length + " mixers)");
        } catch (Exception | LinkageError e) {
            return Finding.note("Audio", "no audio output: " + e.getMessage(),
                    "Videos play without sound. Check that a sound card or PulseAudio/PipeWire is available "
                            + "(on Debian: the alsa-utils or pulseaudio packages) and not held by another program.");
        }
    }
}
