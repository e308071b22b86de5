package org.omnisila.app.cli;

import ai.djl.Device;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.omnisila.engine.instruct.Instruction;
import org.omnisila.engine.llm.GenerationSettings;
import org.omnisila.engine.llm.run.FullAnswer;
import org.omnisila.engine.llm.run.FullModel;
import org.omnisila.engine.llm.run.PreparedVideo;
import org.omnisila.engine.llm.text.VicunaTemplate;
import org.omnisila.engine.video.VideoCancelledException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code omnisila chat}: questions about one video to the full model, as Video-LLaVA's {@code serve/cli.py}: the
 * video is prepared once, then each line typed is a question, answered as it is generated, with the conversation so
 * far in the Vicuna template.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"Ask the full model (Video-LLaVA, optionally with an ICM adapter) about a video. Prepares the",
            "video once, then reads questions at the '> ' prompt; answers are streamed. /reset forgets the",
            "conversation, /paper asks the paper's instruction, /quit or end of input ends. Ctrl-C during an",
            "answer stops that answer."})
public final class ChatCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "VIDEO", description = "The video file.")
    Path video;

    @Option(names = "--model", paramLabel = "DIR", required = true,
            description = "The Video-LLaVA folder (Hugging Face: config.json, safetensors, tokenizer).")
    Path model;

    @Mixin
    FullModelOption full;

    @Mixin
    DeviceOption device;

    @Option(names = "--sample", description = "Sample the answer (default: greedy, repeatable).")
    boolean sample;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.2",
            description = "With --sample (default: ${DEFAULT-VALUE}, as Video-LLaVA's cli.py).")
    double temperature;

    @Option(names = "--top-p", paramLabel = "P", defaultValue = "1.0", description = "With --sample (default: 1).")
    double topP;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "With --sample (default: 0).")
    long seed;

    @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "512",
            description = "The longest answer, in tokens (default: ${DEFAULT-VALUE}, as cli.py).")
    int maxNewTokens;

    @Option(names = "--ask", paramLabel = "TEXT",
            description = "Answer this instruction and exit (repeat for a conversation of several turns).")
    List<String> ask;

    /** Where questions come from without --ask (tests replace it). */
    BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    @Override
    public Integer call() throws IOException {
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("--max-new-tokens must be >= 1, not " + maxNewTokens);
        }
        if (!FullModel.isHfFolder(model)) {
            throw new IllegalArgumentException(model + " is not a Video-LLaVA folder (no config.json of model_type "
                    + "llava/llama)");
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Device dev = device.choose();
        try (FullModel m = full.open(model, dev, err)) {
            GenerationSettings settings = m.settings(maxNewTokens);
            if (sample) {
                settings = settings.withSampling(temperature, topP, seed);
            }
            PreparedVideo prepared;
            try (CtrlC stop = new CtrlC()) {
                PhaseProgress progress = new PhaseProgress(err);
                prepared = m.prepare(video, f -> progress.progress("preparing the video", f), stop::requested);
            } catch (VideoCancelledException e) {
                err.printf(Locale.ROOT, "%nstopped%n");
                return 130;
            }
            try (prepared) {
                err.printf(Locale.ROOT, "%s (%s) on %s; %.1f s video%s%n", m.info().name(), m.info().config(),
                        m.info().device(), prepared.duration(), ask == null
                                ? "; /reset, /paper, /quit" : "");
                List<VicunaTemplate.Turn> history = new ArrayList<>();
                if (ask != null) {
                    for (String q : ask) {
                        out.printf(Locale.ROOT, "> %s%n", q);
                        answer(m, prepared, history, q, settings, out, err);
                    }
                    return 0;
                }
                while (true) {
                    out.print("> ");
                    out.flush();
                    String line = input.readLine();
                    if (line == null || line.strip().equals("/quit")) {
                        out.println();
                        out.flush();
                        return 0;
                    }
                    String q = line.strip();
                    if (q.isEmpty()) {
                        continue;
                    }
                    if (q.equals("/reset")) {
                        history.clear();
                        err.println("(conversation forgotten)");
                        continue;
                    }
                    if (q.equals("/paper")) {
                        q = Instruction.PAPER;
                        out.println(q);
                    }
                    answer(m, prepared, history, q, settings, out, err);
                }
            }
        }
    }

    private static void answer(FullModel m, PreparedVideo prepared, List<VicunaTemplate.Turn> history, String q,
                               GenerationSettings settings, PrintWriter out, PrintWriter err) {
        int[] printed = {0};
        String[] last = {""};
        FullAnswer a;
        try (InterruptKey key = new InterruptKey()) {
            a = m.ask(prepared, history, q, settings, text -> {
                if (text.startsWith(last[0]) || printed[0] == 0) {
                    out.print(text.substring(Math.min(printed[0], text.length())));
                    printed[0] = Math.max(printed[0], text.length());
                    out.flush();
                }
                last[0] = text;
            }, key::requested);
        }
        out.println();
        if (a.cancelled()) {
            err.println("(answer stopped)");
        } else {
            history.add(new VicunaTemplate.Turn(q, a.text()));
        }
        err.printf(Locale.ROOT, "(%d tokens, first after %.0f ms, %.1f tokens/s)%n", a.tokens(), a.firstTokenMs(),
                a.tokensPerSecond());
        err.flush();
        out.flush();
    }
}
