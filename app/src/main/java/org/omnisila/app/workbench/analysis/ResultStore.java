package org.omnisila.app.workbench.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.omnisila.engine.api.ResultFormatException;
import org.omnisila.engine.api.ResultJson;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.models.ModelFiles;

/**
 * The results the workbench has computed, one file per video and model:
 * {@code <cache root>/results/<video sha256>-<checkpoint sha256>.json}, in the result JSON format. A file is
 * written atomically ({@link ResultJson#write}), so a crash leaves the old file or none.
 */
public final class ResultStore {
    private final Path dir;

    /** @param dir the folder the results are kept in (created on the first write) */
    public ResultStore(Path dir) {
        this.dir = dir;
    }

    /** The product's: {@code results/} under {@link ModelFiles#defaultCacheRoot()}. */
    public static ResultStore standard() {
        return new ResultStore(ModelFiles.defaultCacheRoot().resolve("results"));
    }

    /** What the store holds for a video and model. */
    public record Lookup(VideoAnalysis analysis, String damage) {
        /** Nothing stored. */
        static final Lookup NONE = new Lookup(null, null);
    }

    /** @return where the result of this video and model is kept */
    public Path file(String videoSha256, String modelSha256) {
        return dir.resolve(videoSha256 + "-" + modelSha256 + ".json");
    }

    /**
     * @return the stored result; none when there is no file; or, for a file that cannot be read, the reader's
     *     message as {@link Lookup#damage()} (the file is left for the next write to replace)
     */
    public Lookup find(String videoSha256, String modelSha256) {
        Path f = file(videoSha256, modelSha256);
        if (!Files.isRegularFile(f)) {
            return Lookup.NONE;
        }
        try {
            return new Lookup(ResultJson.read(f), null);
        } catch (ResultFormatException e) {
            return new Lookup(null, e.getMessage());
        }
    }

    /** Keeps an analysis under its video's and model's SHA-256. */
    public Path save(VideoAnalysis analysis) throws IOException {
        return save(analysis, analysis.model().checkpointSha256());
    }

    /**
     * Keeps an analysis under its video's SHA-256 and a model key: the engine's ({@code AnalysisEngine.modelSha256}),
     * which is the model's SHA-256 or one derived from it and the analysis settings (the full model's windows).
     */
    public Path save(VideoAnalysis analysis, String modelKey) throws IOException {
        Files.createDirectories(dir);
        Path f = file(analysis.video().sha256(), modelKey);
        ResultJson.write(analysis, f);
        return f;
    }
}
