package org.omnisila.engine.llm.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.omnisila.engine.llm.video.IcmAdapter;
import org.omnisila.engine.models.Sha256;

/**
 * The {@code checkpointSha256} a full-model result records: one SHA-256 over what identifies the model without
 * reading the base's 13 GB of weights.
 *
 * <ul>
 *   <li>base folder: the bytes of config.json and of every {@code *.safetensors.index.json}; for each
 *       {@code *.safetensors} file its name and size only (not its bytes);</li>
 *   <li>tower folder (when given): the same;</li>
 *   <li>adapter folder (when given): the bytes of adapter_config.json, adapter_model.safetensors, icm_config.json
 *       and icm.safetensors (those present): the adapter is small and is what tuning changes.</li>
 * </ul>
 * Each entry is fed as {@code part/name}, a 0 byte, then its content or {@code size=N}, then a 0 byte, in name
 * order. Two results with the same hash come from the same adapter on a base with the same config and files of the
 * same sizes; a base whose weights were changed in place at equal sizes would not be told apart.
 */
public final class FullModelHash {
    private static final List<String> ADAPTER_FILES = List.of("adapter_config.json", "adapter_model.safetensors",
            IcmAdapter.CONFIG, IcmAdapter.WEIGHTS);

    private FullModelHash() {
    }

    /**
     * @param base    the Video-LLaVA folder
     * @param tower   the tower folder, or null
     * @param adapter the ICM adapter folder, or null
     * @return 64 lowercase hex digits
     */
    public static String of(Path base, Path tower, Path adapter) {
        MessageDigest digest = Sha256.newDigest();
        try {
            folder(digest, "base", base);
            if (tower != null) {
                folder(digest, "tower", tower);
            }
            if (adapter != null) {
                for (String name : ADAPTER_FILES) {
                    Path f = adapter.resolve(name);
                    if (Files.isRegularFile(f)) {
                        entry(digest, "adapter/" + name);
                        bytes(digest, f);
                        digest.update((byte) 0);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Sha256.hex(digest);
    }

    private static void folder(MessageDigest digest, String part, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.equals("config.json") || name.endsWith(".safetensors.index.json")) {
                entry(digest, part + "/" + name);
                bytes(digest, f);
                digest.update((byte) 0);
            } else if (name.endsWith(".safetensors")) {
                entry(digest, part + "/" + name);
                digest.update(("size=" + Files.size(f)).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
        }
    }

    private static void entry(MessageDigest digest, String name) {
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static void bytes(MessageDigest digest, Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
        }
    }
}
