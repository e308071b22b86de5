package org.omnisila.app.doctor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.omnisila.engine.models.ModelFiles;

/**
 * {@code omnisila doctor}'s checks, in the order a user would fix things: runtime, window, natives, GPU, audio,
 * models, folders. Each check catches what it is there to report; none throws.
 */
public final class Doctor {
    private final ModelFiles files;
    private final Path settings;

    /**
     * @param files    the model files and the cache root they live under
     * @param settings the settings folder (recent videos)
     */
    public Doctor(ModelFiles files, Path settings) {
        this.files = files;
        this.settings = settings;
    }

    /**
     * Runs every check, handing each finding to {@code each} as soon as it is known (loading natives and
     * verifying models take seconds).
     *
     * @return all findings
     */
    public List<Finding> run(Consumer<Finding> each) {
        List<Finding> all = new ArrayList<>();
        Consumer<Finding> keep = f -> {
            all.add(f);
            each.accept(f);
        };
        keep.accept(RuntimeChecks.java());
        keep.accept(RuntimeChecks.javafx());
        keep.accept(EngineChecks.ffmpeg());
        keep.accept(EngineChecks.opencv());
        keep.accept(EngineChecks.pytorch());
        keep.accept(EngineChecks.gpu());
        keep.accept(RuntimeChecks.audio());
        EngineChecks.models(files).forEach(keep);
        keep.accept(StorageChecks.folder("Cache folder", files.cacheRoot()));
        keep.accept(StorageChecks.folder("Settings folder", settings));
        return all;
    }
}
