package org.omnisila.app.workbench.analysis;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.omnisila.engine.analysis.AnalysisListener;
import org.omnisila.engine.analysis.AnalysisOutcome;
import org.omnisila.engine.llm.run.FullAnalyzer;
import org.omnisila.engine.models.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analysis > Analyze with the loaded full model (Video-LLaVA with the ICM adapter): {@link FullAnalyzer}, as
 * {@code omnisila analyze --model} runs it, over the window's {@link SharedFullModel}. The result is one
 * whole-video segment (frame times, routing P, label scores, causal effects), the located spans of the answer and
 * its attribution; no cues (docs/formats.md, "The full model's results"). Results are stored under the full
 * model's hash ({@code FullModelHash}), apart from the small model's.
 *
 * <p>The engine does not own the model: {@link #close()} leaves it loaded (the instruction box that loaded it
 * closes it); an analysis waits while the instruction box generates, and stops when the model is being closed.
 */
public final class FullModelAnalysisEngine implements AnalysisEngine {
    private static final Logger LOG = LoggerFactory.getLogger(FullModelAnalysisEngine.class);

    private final SharedFullModel shared;
    private final int maxNewTokens;
    private final double window;

    /**
     * @param shared       the loaded full model
     * @param maxNewTokens the most tokens of the answer
     */
    public FullModelAnalysisEngine(SharedFullModel shared, int maxNewTokens) {
        this(shared, maxNewTokens, 0);
    }

    /**
     * @param window seconds per window ({@code FullAnalyzer.withWindows}); 0 for the whole video as one segment
     */
    public FullModelAnalysisEngine(SharedFullModel shared, int maxNewTokens, double window) {
        if (!(window >= 0) || Double.isInfinite(window)) {
            throw new IllegalArgumentException("the window must be >= 0 seconds, not " + window);
        }
        this.shared = shared;
        this.maxNewTokens = maxNewTokens;
        this.window = window;
    }

    /** @return seconds per window, 0 for the whole video */
    public double window() {
        return window;
    }

    /** @return the model it analyses with */
    public SharedFullModel shared() {
        return shared;
    }

    /** @return "full model ICM+Video-LLaVA (full-omnisila-add, cpu)" */
    @Override
    public String model() {
        return "full model " + shared.description() + (window == 0 ? ""
                : String.format(Locale.ROOT, ", windows of %s s", trim(window)));
    }

    private static String trim(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }

    @Override
    public String device() {
        return shared.info().device().startsWith("cuda") ? "CUDA" : "CPU";
    }

    @Override
    public String modelSha256() {
        String model = shared.info().checkpointSha256();
        // results with windows are kept apart from the whole-video ones, and per window length
        return window == 0 ? model : Sha256.ofText(model + " windows " + window);
    }

    @Override
    public AnalysisOutcome analyze(Path video, AnalysisListener listener, BooleanSupplier cancelled) {
        BooleanSupplier stop = () -> cancelled.getAsBoolean() || shared.closing();
        FullAnalyzer.Result r = shared.use(() -> listener.progress("waiting for the instruction box's answer", 0),
                m -> new FullAnalyzer(m, maxNewTokens).withWindows(window).analyze(video, listener, stop));
        for (FullAnalyzer.Asked asked : r.asked()) {
            if (!asked.answer().parsed().warnings().isEmpty()) {
                LOG.info("the full model's {} answer about {}: {}", asked.step(), video,
                        asked.answer().parsed().warnings());
            }
        }
        // AnalysisOutcome's warnings are damaged stretches of the video; the full model reads its frames by seeking
        return new AnalysisOutcome(r.analysis(), List.of());
    }

    /** Leaves the model loaded: the instruction box owns it. */
    @Override
    public void close() {
    }
}
