package org.omnisila.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ai.djl.Device;
import java.util.List;
import org.omnisila.engine.api.ResultJson;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.instruct.Instruction;
import org.omnisila.engine.instruct.TuningInstructions;
import org.omnisila.engine.llm.Precision;
import org.omnisila.engine.llm.run.FullModel;
import org.omnisila.engine.llm.run.LabelScores;
import org.omnisila.engine.llm.run.PreparedVideo;
import org.omnisila.engine.llm.video.FusionMode;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.video.SyntheticVideo;
import picocli.CommandLine;

/** analyze --model HF --adapter and chat --ask as a user runs them, on the tiny Video-LLaVA with a tiny adapter. */
class FullModelCommandsTest {
    @TempDir
    static Path dir;
    private static Path video;
    private static Path adapter;

    private final CliRun cli = new CliRun();

    @BeforeAll
    static void setUp() throws Exception {
        video = dir.resolve("clip.mp4");
        SyntheticVideo.mp4(160, 120, 10, 30).texture(true).write(video);
        adapter = dir.resolve("adapter");
        TinyAdapter.write(adapter, FusionMode.ADD, TinyAdapter.extractorWidths());
    }

    @Test
    void analyzeWithTheFullModelWritesTheResultJson() throws Exception {
        Path out = dir.resolve("clip.json");
        assertEquals(0, cli.run("analyze", video.toString(), "--model", TinyAdapter.base().toString(), "--adapter",
                adapter.toString(), "--out", out.toString(), "--device", "cpu", "--max-new-tokens", "8"),
                cli.err::toString);
        VideoAnalysis a = ResultJson.read(out);
        assertEquals("ICM+Video-LLaVA", a.model().name());
        assertEquals(1, a.segments().size());
        assertNotNull(a.segments().get(0).routing());
        assertEquals(15, a.segments().get(0).sentimentScores().size());
        String o = cli.out.toString();
        assertTrue(o.startsWith("identify answer: ") && o.contains("\nlocate answer: ")
                && o.contains("\nattribute answer: ") && o.contains("1 segments, ") && o.contains("label scores: top ")
                && o.contains("\nlabel: "), o);
        // the three answers are the model's answers to the tuned questions, asked directly
        String top = a.segments().get(0).topLabel();
        String line = o.lines().filter(l -> l.startsWith("label: ")).findFirst().orElseThrow();
        String label = line.substring("label: ".length(), line.indexOf(" ("));
        try (FullModel m = FullModel.open(TinyAdapter.base(), null, adapter, Device.cpu(), Precision.FP32, -1,
                new ModelFiles(), f -> { });
             PreparedVideo p = m.prepare(video, f -> { }, () -> false)) {
            assertTrue(o.contains("identify answer: " + m.ask(p, List.of(), TuningInstructions.identifyQuestion(top),
                    m.settings(8), null, () -> false).text() + "\n"), o);
            assertTrue(o.contains("locate answer: " + m.ask(p, List.of(), TuningInstructions.locateQuestion(label),
                    m.settings(8), null, () -> false).text() + "\n"), o);
            assertTrue(o.contains("attribute answer: " + m.ask(p, List.of(),
                    TuningInstructions.attributeQuestion(label), m.settings(8), null, () -> false).text() + "\n"), o);
            // --instruction asks that one text, once
            CliRun one = new CliRun();
            Path single = dir.resolve("single.json");
            assertEquals(0, one.run("analyze", video.toString(), "--model", TinyAdapter.base().toString(),
                    "--adapter", adapter.toString(), "--out", single.toString(), "--device", "cpu",
                    "--max-new-tokens", "8", "--instruction", Instruction.PAPER), one.err::toString);
            String so = one.out.toString();
            assertTrue(so.startsWith("answer: " + m.ask(p, List.of(), Instruction.PAPER, m.settings(8), null,
                    () -> false).text() + "\n") && !so.contains("identify answer"), so);
            assertEquals(LabelScores.score(m, p, Instruction.PAPER, LabelScores.known(), () -> false),
                    ResultJson.read(single).segments().get(0).sentimentScores());
        }
        assertTrue(cli.err.toString().contains("100.0%"), cli.err.toString());
        // --window: the 3-s clip in 1-s windows, each with its own scores, on the timeline
        CliRun windows = new CliRun();
        Path windowed = dir.resolve("windows.json");
        assertEquals(0, windows.run("analyze", video.toString(), "--model", TinyAdapter.base().toString(),
                "--adapter", adapter.toString(), "--out", windowed.toString(), "--device", "cpu",
                "--max-new-tokens", "4", "--window", "1"), windows.err::toString);
        VideoAnalysis w = ResultJson.read(windowed);
        assertEquals(3, w.segments().size());
        assertTrue(windows.out.toString().contains("label scores per window:\n"), windows.out.toString());
        assertTrue(w.segments().stream().allMatch(s -> s.causalEffect() != null && s.sentimentScores().size() == 15));
        CliRun small = new CliRun();
        assertEquals(1, small.run("analyze", video.toString(), "--window", "1", "--device", "cpu"));
        assertTrue(small.err.toString().contains("--window are for a Video-LLaVA folder"), small.err.toString());
    }

    @Test
    void chatAsksAndStreamsEachInstruction() {
        assertEquals(0, cli.run("chat", video.toString(), "--model", TinyAdapter.base().toString(), "--device", "cpu",
                "--max-new-tokens", "6", "--ask", "What happens?", "--ask", "Why?"), cli.err::toString);
        String o = cli.out.toString();
        assertTrue(o.contains("> What happens?") && o.contains("> Why?"), o);
        assertEquals(2, cli.err.toString().split("tokens/s", -1).length - 1, cli.err.toString());
        assertTrue(cli.err.toString().contains("Video-LLaVA (full-llava_v1)"), cli.err.toString());
    }

    @Test
    void chatReadsQuestionsUntilQuit() {
        CommandLine cl = OmnisilaCommand.commandLine();
        cl.setOut(new java.io.PrintWriter(cli.out, true));
        cl.setErr(new java.io.PrintWriter(cli.err, true));
        ChatCommand chat = cl.getSubcommands().get("chat").getCommand();
        chat.input = new BufferedReader(new StringReader("What is it?\n/reset\n/paper\n/quit\nnever asked\n"));
        assertEquals(0, cl.execute("chat", video.toString(), "--model", TinyAdapter.base().toString(), "--adapter",
                adapter.toString(), "--device", "cpu", "--max-new-tokens", "4"), cli.err::toString);
        String o = cli.out.toString();
        assertTrue(o.contains("> ") && o.contains("identify and locate"), o);
        assertEquals(2, cli.err.toString().split("tokens/s", -1).length - 1, cli.err.toString());
        assertTrue(cli.err.toString().contains("(conversation forgotten)"), cli.err.toString());
    }

    private String[] chatAnswers(String input) {
        CliRun run = new CliRun();
        CommandLine cl = OmnisilaCommand.commandLine();
        cl.setOut(new java.io.PrintWriter(run.out, true));
        cl.setErr(new java.io.PrintWriter(run.err, true));
        ChatCommand chat = cl.getSubcommands().get("chat").getCommand();
        chat.input = new BufferedReader(new StringReader(input));
        assertEquals(0, cl.execute("chat", video.toString(), "--model", TinyAdapter.base().toString(), "--device",
                "cpu", "--max-new-tokens", "8"), run.err::toString);
        // "> " before each line read (also /reset's and the end's); the answers are the non-blank pieces
        return java.util.Arrays.stream(run.out.toString().split("> ")).map(String::strip)
                .filter(a -> !a.isEmpty()).toArray(String[]::new);
    }

    @Test
    void theConversationIsKeptUntilReset() {
        String[] again = chatAnswers("What is it?\nWhat is it?\n");
        String[] reset = chatAnswers("What is it?\n/reset\nWhat is it?\n");
        assertEquals(2, reset.length, String.join(" | ", reset));
        assertEquals(again[0], reset[0]);
        assertEquals(reset[0], reset[1], "after /reset the same question gets the same (greedy) answer");
        assertTrue(!again[0].equals(again[1]), "with the first turn in the prompt the answer differs: " + again[0]
                + " / " + again[1]);
    }

    @Test
    void badFoldersAreOneLineErrors() {
        assertEquals(1, cli.run("analyze", video.toString(), "--model", TinyAdapter.base().toString(), "--adapter",
                dir.resolve("missing").toString(), "--device", "cpu"));
        String e = cli.err.toString().strip();
        assertTrue(e.contains("\nomnisila analyze: the ICM adapter folder") && e.contains("missing does not exist"),
                e);
        assertEquals(1, e.lines().filter(l -> l.startsWith("omnisila")).count(), e);
        CliRun other = new CliRun();
        assertEquals(1, other.run("chat", video.toString(), "--model", dir.toString(), "--ask", "x"));
        assertTrue(other.err.toString().contains("is not a Video-LLaVA folder"), other.err.toString());
        CliRun third = new CliRun();
        assertEquals(1, third.run("chat", video.toString(), "--model", TinyAdapter.base().toString(), "--device",
                "cpu", "--precision", "bf16", "--ask", "x"));
        assertTrue(third.err.toString().contains("bf16 is for CUDA"), third.err.toString());
    }
}
