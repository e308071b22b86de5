package org.omnisila.engine.scene;

import java.util.Locale;
import org.omnisila.engine.models.ModelFileException;
import org.omnisila.engine.models.ModelFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses a face detector: BlazeFace, the Haar cascade, or BlazeFace with the cascade as fallback. */
public final class FaceDetectors {

    private static final Logger LOG = LoggerFactory.getLogger(FaceDetectors.class);

    /** Which detector to use. */
    public enum Choice {
        /** BlazeFace; the Haar cascade when BlazeFace cannot load (logged). The default. */
        AUTO,
        /** BlazeFace only; failing to load it is an error. */
        BLAZEFACE,
        /** The Haar cascade only. */
        HAAR;

        /** @param name {@code auto}, {@code blazeface} or {@code haar}, any case */
        public static Choice parse(String name) {
            try {
                return valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown face detector \"" + name
                        + "\"; expected auto, blazeface or haar", e);
            }
        }
    }

    private FaceDetectors() {
    }

    /** @return the chosen detector, BlazeFace from the bundled files; the caller closes it */
    public static FaceDetector open(Choice choice) {
        return open(choice, new ModelFiles());
    }

    /** @return the chosen detector, BlazeFace from the given files; the caller closes it */
    public static FaceDetector open(Choice choice, ModelFiles files) {
        switch (choice) {
            case HAAR:
                return new HaarFaceDetector();
            case BLAZEFACE:
                return BlazeFaceDetector.load(files);
            default:
                try {
                    return BlazeFaceDetector.load(files);
                } catch (ModelFileException e) {
                    LOG.warn("BlazeFace face detection is not available ({}); using the Haar cascade", e.getMessage());
                    return new HaarFaceDetector();
                }
        }
    }
}
