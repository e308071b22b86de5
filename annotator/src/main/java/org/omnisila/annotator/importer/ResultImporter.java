package org.omnisila.annotator.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.Aspects;
import org.omnisila.annotator.project.ImportKind;
import org.omnisila.annotator.project.ItemSource;
import org.omnisila.annotator.project.NewItem;
import org.omnisila.engine.api.Cue;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.api.ModelInfo;
import org.omnisila.engine.api.ResultFormatException;
import org.omnisila.engine.api.ResultJson;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.api.VideoAnalysis;

/**
 * Imports a model's predictions from an Omni-SILA result JSON, so that they are reviewed like machine attributions:
 * each located sentiment becomes an item with its label, score and attribution (as the summary), and each scene
 * aspect lists the texts of the most decisive cues of the segments it spans. The generator is the model's name;
 * its version the configuration and checkpoint hash, so that two checkpoints' predictions are kept apart.
 */
public final class ResultImporter {

    /** Cue texts kept per aspect: the most decisive, as the panel of the workbench shows them. */
    static final int CUES_PER_ASPECT = 3;

    private ResultImporter() {
    }

    /**
     * @see AttributionImporter#importFile
     * @throws ImportException when the result file cannot be read or breaks the format (nothing is imported; the
     *                         message names the line and field)
     */
    public static ImportReport importFile(AnnotationProject project, Path file, ImportListener listener,
                                          BooleanSupplier cancelled) {
        VideoAnalysis analysis;
        try {
            analysis = ResultJson.read(file);
        } catch (ResultFormatException e) {
            throw new ImportException(e.getMessage(), e);
        }
        ModelInfo model = analysis.model();
        String version = model.checkpointSha256() == null ? model.config()
                : model.config() + " " + model.checkpointSha256();
        try (ImportRun run = new ImportRun(project, ImportKind.RESULT, file, listener, cancelled)) {
            long video = run.batch().video(analysis.video().path(), analysis.video().sha256(),
                    analysis.video().duration());
            List<LocatedSentiment> located = analysis.located();
            for (int i = 0; i < located.size(); i++) {
                LocatedSentiment l = located.get(i);
                run.entry((double) (i + 1) / located.size());
                run.add(() -> new NewItem(video, l.start(), l.end(), null, l.label(), aspects(analysis, l),
                        l.attribution(), ItemSource.PREDICTION, model.name(), version, l.score()), -1,
                        "located[" + i + "]");
            }
            return run.finish();
        }
    }

    /** The aspects of a located sentiment: per scene, the distinct texts of its segments' top cues. */
    private static Aspects aspects(VideoAnalysis analysis, LocatedSentiment located) {
        List<SegmentResult> spanned = analysis.segments().stream()
                .filter(s -> s.end() > located.start() && s.start() < located.end()).toList();
        String[] texts = new String[Scene.values().length];
        for (Scene scene : Scene.values()) {
            List<Cue> cues = new ArrayList<>();
            spanned.forEach(s -> cues.addAll(s.cues().get(scene)));
            cues.sort(Comparator.comparingDouble(Cue::weight).reversed());
            Set<String> kept = new LinkedHashSet<>();
            for (Cue cue : cues) {
                if (kept.size() < CUES_PER_ASPECT) {
                    kept.add(cue.text());
                }
            }
            texts[scene.ordinal()] = String.join("; ", kept);
        }
        return new Aspects(texts[0], texts[1], texts[2], texts[3]);
    }
}
