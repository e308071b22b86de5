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

    /** The keyring of the system this runs on. */
    public OsKeyring() {
        this(System.getProperty("os.name", ""));
    }

    OsKeyring(String osName) {
        this.os = osName.toLowerCase(Locale.ROOT);
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
        if (isMac() && onPath("security")) {
            return Optional.of(List.of("security", "find-generic-password", "-s", service, "-a", account, "-w"));
        }
        if (isLinux() && onPath("secret-tool")) {
            return Optional.of(List.of("secret-tool", "lookup", "service", service, "account", account));
        }
        return Optional.empty();
    }

    private boolean isMac() {
        return os.contains("mac");
    }

    private boolean isLinux() {
        return os.contains("linux");
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
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
