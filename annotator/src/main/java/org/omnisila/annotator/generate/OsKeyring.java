package org.omnisila.annotator.generate;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The operating system's keyring through its command-line tool: on Linux {@code secret-tool} (GNOME Keyring,
 * KWallet through the Secret Service), on macOS {@code security} (the login keychain). Windows is not supported:
 * there the key comes from the environment only. When the tool is missing, the lookup finds nothing; it never
 * prints the secret and gives up after {@link #TIMEOUT_SECONDS} (a locked keyring may ask for a password).
 */
public final class OsKeyring implements Keyring {

    /** The longest a lookup may take. */
    static final long TIMEOUT_SECONDS = 10;

    private final String os;
    private final String path;

    /** The keyring of the system this runs on, its tool found on the {@code PATH}. */
    public OsKeyring() {
        this(System.getProperty("os.name", ""), System.getenv("PATH"));
    }

    /**
     * @param osName the system's name, as {@code os.name}
     * @param path   where to look for the tool, as {@code PATH}; may be null
     */
    OsKeyring(String osName, String path) {
        this.os = osName.toLowerCase(Locale.ROOT);
        this.path = path;
    }

    @Override
    public Optional<String> lookup(String service, String account) {
        return command(service, account).flatMap(OsKeyring::run);
    }

    @Override
    public Optional<String> storeHint(String service, String account) {
        if (isMac()) {
            return Optional.of("security add-generic-password -s " + service + " -a " + account + " -w");
        }
        if (isLinux()) {
            return Optional.of("secret-tool store --label=" + service + " service " + service + " account "
                    + account);
        }
        return Optional.empty();
    }

    /** The command that prints the secret, when this system has the tool for it. */
    Optional<List<String>> command(String service, String account) {
        if (isMac()) {
            return onPath("security").map(tool -> List.of(tool, "find-generic-password", "-s", service, "-a",
                    account, "-w"));
        }
        if (isLinux()) {
            return onPath("secret-tool").map(tool -> List.of(tool, "lookup", "service", service, "account",
                    account));
        }
        return Optional.empty();
    }

    private boolean isMac() {
        return os.contains("mac");
    }

    private boolean isLinux() {
        return os.contains("linux");
    }

    /** The tool's file in a folder of the path, when there is one. */
    private Optional<String> onPath(String tool) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Optional.of(Path.of(dir, tool).toString());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return Optional.empty();
        }
        try (InputStream in = process.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try {
                    in.transferTo(out);
                } catch (IOException ignored) {
                    // the process ended or was killed: what was read is all there is
                }
            }, "omnisila-keyring");
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            reader.join(TimeUnit.SECONDS.toMillis(1));
            String secret = out.toString(StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 && !secret.isEmpty() ? Optional.of(secret) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
