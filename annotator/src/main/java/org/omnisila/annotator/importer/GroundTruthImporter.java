package org.omnisila.annotator.importer;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.Aspects;
import org.omnisila.annotator.project.ImportKind;
import org.omnisila.annotator.project.ItemSource;
import org.omnisila.annotator.project.NewItem;
import org.omnisila.engine.api.ResultFormatException;
import org.omnisila.engine.eval.Diagnostic;
import org.omnisila.engine.eval.Diagnostics;
import org.omnisila.engine.eval.EvalInputException;
import org.omnisila.engine.eval.GroundTruth;
import org.omnisila.engine.eval.GroundTruthSegment;
import org.omnisila.engine.eval.GroundTruthVideo;
import org.omnisila.engine.eval.io.ActivityNetReader;

/**
 * Imports ground truth in the ActivityNet layout as TSL-300 writes it, read by the evaluation suite's reader (so the
 * same file means the same segments in both): each annotated segment becomes an item with its label and, where the
 * file has one, its attribution as the summary; the video is named by its id until relinked. Entries the reader
 * rejects are reported with their line and skipped.
 */
public final class GroundTruthImporter {

    /** The generator recorded for ground truth: the same segment from two ground-truth files is one item. */
    public static final String GENERATOR = "ground-truth";

    private GroundTruthImporter() {
    }

    /**
     * @see AttributionImporter#importFile
     * @throws ImportException when the file is missing or not JSON in the ActivityNet layout (nothing is imported)
     */
    public static ImportReport importFile(AnnotationProject project, Path file, ImportListener listener,
                                          BooleanSupplier cancelled) {
        Diagnostics diagnostics = new Diagnostics();
        GroundTruth truth;
        try {
            truth = ActivityNetReader.readGroundTruth(file, diagnostics);
        } catch (EvalInputException e) {
            throw new ImportException(e.getMessage(), e);
        }
        try (ImportRun run = new ImportRun(project, ImportKind.GROUND_TRUTH, file, listener, cancelled)) {
            for (Diagnostic d : diagnostics.errors()) {
                run.problem(new ResultFormatException(d.file(), d.line(), -1, d.entry(), d.message(), null));
            }
            int total = Math.max(1, truth.segmentCount());
            int done = 0;
            for (GroundTruthVideo video : truth.videos().values()) {
                long id = run.batch().video(video.id(), null, Double.isNaN(video.duration()) ? null : video.duration());
                List<GroundTruthSegment> segments = video.segments();
                for (int i = 0; i < segments.size(); i++) {
                    GroundTruthSegment s = segments.get(i);
                    run.entry((double) ++done / total);
                    run.add(() -> new NewItem(id, s.start(), s.end(), null, s.label(), Aspects.none(),
                            s.attribution(), ItemSource.GROUND_TRUTH, GENERATOR, "", null), s.line(),
                            "database[\"" + video.id() + "\"].annotations[" + i + "]");
                }
            }
            return run.finish();
        }
    }
}
