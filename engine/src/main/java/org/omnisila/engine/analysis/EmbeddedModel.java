package org.omnisila.engine.analysis;

import java.nio.file.Path;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.models.ModelManifest;

/**
 * The ICM checkpoint bundled with the product (module omnisila-models, {@code default-icm}): what
 * {@code omnisila analyze} and the workbench use when no model is chosen. Its model card is models/README.md;
 * {@link #summary()} is the one line the product shows next to results.
 */
public final class EmbeddedModel {
    /** The manifest's name. */
    public static final String NAME = "default-icm";

    private EmbeddedModel() {
    }

    /**
     * The checkpoint folder, copied out of the installation and verified on first use.
     *
     * @throws org.omnisila.engine.models.ModelFileException naming a missing or damaged file and its expected
     *                                                       sha256
     */
    public static Path checkpoint(ModelFiles files) {
        return files.folder(ModelManifest.load(NAME));
    }

    /** What the embedded model was trained on and what it can be trusted for, in one line. */
    public static String summary() {
        return ModelManifest.load(NAME).origin();
    }
}
