package org.omnisila.engine.llm.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.analysis.AnalysisListener;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.instruct.TuningInstructions;
import org.omnisila.engine.llm.Precision;
import org.omnisila.engine.llm.hf.LlamaLoader;
import org.omnisila.engine.llm.hf.LoadedVideoLlava;
import org.omnisila.engine.llm.hf.VideoLlavaLoader;
import org.omnisila.engine.llm.lora.LoraConfig;
import org.omnisila.engine.llm.run.FullAnalyzer;
import org.omnisila.engine.llm.run.FullModel;
import org.omnisila.engine.models.ModelFiles;

/**
 * The point of asking the tuned questions, end to end: a tiny adapter tuned here (stage 1, no scene block) on the
 * three Omni-SILA tuning questions of {@link TuningInstructions} for three clips, all "Fire" from 0 s to 1 s, then
 * {@link FullAnalyzer} on one of the clips reports Fire, its span and its attribution.
 */
class TunedAnalysisTest {
    private static final List<String> ALL = java.util.stream.Stream.concat(LoraConfig.ATTENTION.stream(),
            LoraConfig.MLP.stream()).toList();
    private static final String ATTRIBUTION = "Flames rise in the street.";

    private static String entry(String id, String video, String question, String answer) {
        return "{\"id\":\"" + id + "\",\"video\":\"" + video + "\",\"conversations\":[{\"from\":\"human\",\"value\":"
                + "\"<video>\\n" + question + "\"},{\"from\":\"gpt\",\"value\":\"" + answer + "\"}],\"item\":1,"
                + "\"window\":[0.0,1.0]}";
    }

    @Test
    void anAdapterTunedOnTheExportsQuestionsIsAnsweredWithItsLabel(@TempDir Path tmp) throws Exception {
        Path export = TinyExport.write(tmp.resolve("export"));
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String v = "media/item-" + i + ".mp4";
            lines.add(entry("item-" + i + "-identify", v, TuningInstructions.identifyQuestion("Fire"),
                    TuningInstructions.identifyAnswer("Fire")));
            lines.add(entry("item-" + i + "-locate", v, TuningInstructions.locateQuestion("Fire"),
                    TuningInstructions.locateAnswer("Fire", 0, 1)));
            lines.add(entry("item-" + i + "-attribute", v, TuningInstructions.attributeQuestion("Fire"),
                    TuningInstructions.attributeAnswer(ATTRIBUTION)));
        }
        Files.writeString(export.resolve("scene-tuning").resolve("train.json"),
                "[\n" + String.join(",\n", lines) + "\n]\n");
        Path adapter = tmp.resolve("adapter");
        TuningSettings settings = TuningSettings.paper(InstructionDataset.Stage.SCENE_TUNING).withEpochs(40)
                .withBatch(3, 1).withLearningRate(2e-2f, 0.03).withLora(LoraConfig.of(8, 16, 0, ALL))
                .withMaxLength(256).withSeed(7);
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             LoadedVideoLlava b = VideoLlavaLoader.load(TinyExport.model(), null, m,
                     LlamaLoader.Settings.cpuDefaults());
             org.omnisila.engine.llm.text.LlmTokenizer tok =
                     org.omnisila.engine.llm.text.LlmTokenizer.open(TinyExport.model());
             FullIcmTrainer t = new FullIcmTrainer(b, tok, TinyExport.TEMPLATE, settings, null, null, null)) {
            List<TuningExample> train = t.prepare(InstructionDataset.read(export,
                    InstructionDataset.Stage.SCENE_TUNING, "train").entries(), () -> false);
            assertEquals(9, train.size());
            FullIcmTrainer.Result r = t.train(train, List.of(), TuningListener.SILENT, () -> false);
            System.out.printf("tuned on the three questions: %d steps, loss %.4f -> %.4f%n", r.steps(),
                    r.stepLosses().get(0), r.stepLosses().get(r.stepLosses().size() - 1));
            t.save(adapter);
        }
        Path video = export.resolve("media").resolve("item-2.mp4");
        try (FullModel model = FullModel.open(TinyExport.model(), null, adapter, Device.cpu(), Precision.FP32, -1,
                new ModelFiles(), f -> { })) {
            FullAnalyzer.Result r = new FullAnalyzer(model, 48).analyze(video, AnalysisListener.SILENT, () -> false);
            r.asked().forEach(q -> System.out.printf("%s: %s%n", q.step(), q.answer().text()));
            Map<String, Double> scores = r.analysis().segments().get(0).sentimentScores();
            System.out.printf("p(Fire) %.4f%n", scores.get("Fire"));
            assertEquals(TuningInstructions.identifyAnswer("Fire"), r.asked().get(0).answer().text());
            assertEquals("Fire", r.label());
            assertEquals(FullAnalyzer.LabelSource.ANSWER, r.source());
            assertEquals("Fire", r.analysis().segments().get(0).topLabel());
            assertTrue(scores.get("Fire") > 0.5, scores.toString());
            assertEquals(ATTRIBUTION, r.analysis().segments().get(0).attribution());
            List<LocatedSentiment> located = r.analysis().located();
            assertEquals(1, located.size(), r.asked().get(1).answer().text());
            assertEquals(0, located.get(0).start(), 1e-9);
            assertEquals(1, located.get(0).end(), 1e-9);
            assertEquals("Fire", located.get(0).label());
        }
    }
}
