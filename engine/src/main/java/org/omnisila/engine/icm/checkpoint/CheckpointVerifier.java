package org.omnisila.engine.icm.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.omnisila.engine.models.Sha256;

/**
 * Checks the files a manifest lists before anything parses them: each exists inside the checkpoint
 * directory, has the recorded size (checked first: cheap, and it tells truncation apart from damage) and the
 * recorded SHA-256.
 */
final class CheckpointVerifier {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private CheckpointVerifier() {
    }

    /**
     * @param dir the checkpoint directory
     * @param manifest its manifest
     * @throws CheckpointException naming the first file that is missing, has another size or another hash
     */
    static void verify(Path dir, CheckpointManifest manifest) {
        for (CheckpointManifest.FileEntry file : manifest.files()) {
            verify(dir, file);
        }
    }

    private static void verify(Path dir, CheckpointManifest.FileEntry file) {
        String name = file.name();
        // the manifest may only name files directly inside the directory
        if (name == null || !PLAIN_NAME.matcher(name).matches()) {
            throw new CheckpointException(dir.resolve(CheckpointManifest.MANIFEST) + ": file name \"" + name
                    + "\" is not a plain file name inside the checkpoint directory");
        }
        Path path = dir.resolve(name);
        if (!Files.isRegularFile(path)) {
            throw new CheckpointException(name + ": not found in " + dir + " (" + CheckpointManifest.MANIFEST
                    + " lists it)");
        }
        try {
            long size = Files.size(path);
            if (size != file.bytes()) {
                throw new CheckpointException(String.format(Locale.ROOT, "%s: %,d bytes, %s records %,d%s", name,
                        size, CheckpointManifest.MANIFEST, file.bytes(),
                        size < file.bytes() ? " (truncated?)" : " (replaced or appended to?)"));
            }
            String sha = Sha256.of(path);
            if (!sha.equals(file.sha256())) {
                throw new CheckpointException(name + ": sha256 is " + sha + ", expected " + file.sha256()
                        + " (the file was changed or damaged)");
            }
        } catch (IOException e) {
            throw new CheckpointException(name + ": cannot read: " + e.getMessage(), e);
        }
    }
}
