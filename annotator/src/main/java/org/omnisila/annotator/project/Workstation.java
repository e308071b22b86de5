package org.omnisila.annotator.project;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where this program runs: the host name and process id written into the lock file and the session, so that a
 * refused open can say who holds the project.
 *
 * @param host the machine's name
 * @param pid  this process's id
 */
public record Workstation(String host, long pid) {

    /** This machine and process. */
    public static Workstation current() {
        return new Workstation(hostName(), ProcessHandle.current().pid());
    }

    /**
     * The host name without a network lookup where the system states it (the environment, /etc/hostname):
     * {@code InetAddress.getLocalHost()} can wait seconds for DNS on a badly configured machine.
     */
    private static String hostName() {
        for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        try {
            String name = Files.readString(Path.of("/etc/hostname"), StandardCharsets.UTF_8).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException notThere) {
            // Not Linux, or not readable: ask the network layer.
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }
}
