package org.omnisila.app.cli;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.omnisila.app.workbench.WorkbenchBenchmark;
import org.omnisila.app.workbench.player.PlayerBenchmark;
import org.omnisila.app.workbench.timeline.TimelineBenchmark;
import org.omnisila.engine.bench.AnalysisBenchmark;
import org.omnisila.engine.bench.BenchTable;
import org.omnisila.engine.bench.DecodeBenchmark;
import org.omnisila.engine.bench.EvalBenchmark;
import org.omnisila.engine.bench.LlmBenchmark;
import org.omnisila.engine.bench.ModelBenchmark;
import org.omnisila.engine.bench.ObjectSceneBenchmark;
import org.omnisila.engine.bench.SceneBenchmark;
import org.omnisila.engine.bench.TfjsBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code omnisila bench}: benchmarks that print a table of timings. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print a table of timings on this machine.",
        subcommands = {BenchCommand.Eval.class, BenchCommand.Model.class, BenchCommand.Decode.class,
            BenchCommand.Player.class, BenchCommand.Tfjs.class, BenchCommand.Objects.class, BenchCommand.Scenes.class,
            BenchCommand.Timeline.class, BenchCommand.Workbench.class, BenchCommand.Llm.class,
            BenchCommand.Annotator.class, BenchCommand.Review.class, BenchCommand.Tune.class})
public final class BenchCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code omnisila bench eval}. */
    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Time the evaluation suite on a synthetic test set (default: 1,000 videos, "
                    + "100,000 predicted segments).")
    static final class Eval implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--videos", defaultValue = "1000", description = "Videos (default: ${DEFAULT-VALUE}).")
        int videos;

        @Option(names = "--predictions", defaultValue = "100000",
                description = "Predicted segments (default: ${DEFAULT-VALUE}).")
        int predictions;

        @Option(names = "--runs", defaultValue = "5", description = "Timed runs per step (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the synthetic data (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws IOException {
            return printInTempDir(spec, dir -> EvalBenchmark.run(new EvalBenchmark.Settings(videos, predictions, runs,
                    seed), dir));
        }
    }

    /** A benchmark on a generated H.264 MP4 of {@code --width x --height}, {@code --seconds} long. */
    abstract static class VideoBench implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--width", defaultValue = "640", description = "Frame width (default: ${DEFAULT-VALUE}).")
        int width;

        @Option(names = "--height", defaultValue = "360", description = "Frame height (default: ${DEFAULT-VALUE}).")
        int height;

        @Option(names = "--seconds", defaultValue = "20", description = "Video length (default: ${DEFAULT-VALUE}).")
        double seconds;

        @Option(names = "--runs", defaultValue = "3", description = "Timed runs per step (default: ${DEFAULT-VALUE}).")
        int runs;

        abstract BenchTable run(Path dir) throws IOException;

        @Override
        public Integer call() throws IOException {
            return printInTempDir(spec, this::run);
        }
    }

    /** {@code omnisila bench decode}. */
    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = "Video decoding speed on a generated H.264 MP4 (default 640x360, 30 fps, 20 s): every "
                    + "frame to RGB, segment sampling (2 s x 8 frames), frame-accurate seeks.")
    static final class Decode extends VideoBench {
        @Override
        BenchTable run(Path dir) throws IOException {
            return DecodeBenchmark.run(new DecodeBenchmark.Settings(width, height, 30, seconds, runs, 50), dir);
        }
    }

    /** {@code omnisila bench annotator}. */
    @Command(name = "annotator", mixinStandardHelpOptions = true,
            description = "Annotation projects (docs/annotation-guide.md, \"Speed\"): importing N attribution lines "
                    + "and again (nothing added), saving one edit, exporting N items as instruction data (media none) "
                    + "and some items as clips and frames.")
    static final class Annotator implements Callable<Integer> {
        @Option(names = "--lines", defaultValue = "100000", description = "Attribution lines (default: ${DEFAULT-VALUE}).")
        int lines;

        @Option(names = "--edits", defaultValue = "1000", description = "Edits timed (default: ${DEFAULT-VALUE}).")
        int edits;

        @Option(names = "--clip-items", defaultValue = "100",
                description = "Items exported as clips and frames (default: ${DEFAULT-VALUE}; 0: none).")
        int clipItems;

        @Override
        public Integer call() throws IOException {
            org.omnisila.annotator.bench.AnnotatorBenchmark.main(new String[] {"--lines", Integer.toString(lines),
                "--edits", Integer.toString(edits), "--clip-items", Integer.toString(clipItems)});
            return 0;
        }
    }

    /** {@code omnisila bench review}. */
    @Command(name = "review", mixinStandardHelpOptions = true,
            description = "The review queue on a project of N items: the filter chips' counts, each filter and order, "
                    + "a page by model uncertainty, accepting an item, agreement with a peer.")
    static final class Review implements Callable<Integer> {
        @Option(names = "--items", defaultValue = "100000", description = "Items (default: ${DEFAULT-VALUE}).")
        int items;

        @Option(names = "--runs", defaultValue = "5", description = "Runs of each query (default: ${DEFAULT-VALUE}).")
        int runs;

        @Override
        public Integer call() throws IOException {
            org.omnisila.annotator.bench.ReviewQueueBenchmark.main(new String[] {"--items", Integer.toString(items),
                "--runs", Integer.toString(runs)});
            return 0;
        }
    }

    /** {@code omnisila bench player}. */
    @Command(name = "player", mixinStandardHelpOptions = true,
            description = "The workbench player without a screen, on a generated H.264 MP4 (default 640x360, "
                    + "30 fps, 20 s): seek latency until the frame is ready to show, sustained decode + convert "
                    + "frames/s, frames shown and dropped playing at 4x.")
    static final class Player extends VideoBench {
        @Option(names = "--seeks", defaultValue = "50", description = "Seeks timed (default: ${DEFAULT-VALUE}).")
        int seeks;

        @Override
        BenchTable run(Path dir) throws IOException {
            return PlayerBenchmark.run(new DecodeBenchmark.Settings(width, height, 30, seconds, runs, seeks), dir);
        }
    }

    /** {@code omnisila bench workbench}. */
    @Command(name = "workbench", mixinStandardHelpOptions = true,
            description = "The workbench window headless: JVM start and video open to the first frame shown, and the "
                    + "heap with an hour-long analysis shown.")
    static final class Workbench implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--runs", defaultValue = "5", description = "Videos opened (default: ${DEFAULT-VALUE}).")
        int runs;

        @Override
        public Integer call() throws IOException {
            return printInTempDir(spec, dir -> WorkbenchBenchmark.run(dir, runs));
        }
    }

    /** {@code omnisila bench timeline}. */
    @Command(name = "timeline", mixinStandardHelpOptions = true,
            description = "Milliseconds to draw one frame of the workbench timeline (default: 10,000 segments) at "
                    + "several zoom levels, headless (Monocle, software rendering).")
    static final class Timeline implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--segments", defaultValue = "10000", description = "Segments of 2 s (default: ${DEFAULT-VALUE}).")
        int segments;

        @Option(names = "--width", defaultValue = "1280", description = "Canvas width, pixels (default: ${DEFAULT-VALUE}).")
        int width;

        @Option(names = "--runs", defaultValue = "20", description = "Timed frames per step (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--zoom", defaultValue = "1,10,100,1000", split = ",",
                description = "Zoom levels, 1 = whole video (default: ${DEFAULT-VALUE}).")
        double[] zooms;

        @Override
        public Integer call() {
            return print(spec, TimelineBenchmark.run(new TimelineBenchmark.Settings(segments, width, runs, zooms))
                    .format());
        }
    }

    /** A benchmark that runs on a device and prints one table: {@code --runs} and {@code --device}. */
    abstract static class DeviceBench implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--runs", defaultValue = "5", description = "Timed runs per step (default: ${DEFAULT-VALUE}).")
        int runs;

        @Mixin
        DeviceOption device;

        abstract BenchTable run(Device device, int runs);

        /** @return what the benchmark prints: by default the table of {@link #run} */
        String report(Device device) {
            return run(device, runs).format();
        }

        @Override
        public Integer call() {
            return print(spec, report(device.choose()));
        }
    }

    /** {@code omnisila bench model}. */
    @Command(name = "model", mixinStandardHelpOptions = true,
            description = "Segments per second of the small ICM: inference (1 and 32 segments per call) and training.")
    static final class Model extends DeviceBench {
        @Override
        BenchTable run(Device device, int runs) {
            return ModelBenchmark.run(device, runs);
        }
    }

    /** {@code omnisila bench llm}. */
    @Command(name = "llm", mixinStandardHelpOptions = true,
            description = "Tokens per second of the LLaMA decoder (fp32, random weights): prefill of a 128-token "
                    + "prompt and decode of 32 tokens with and without the KV cache, tiny and 8-layer width-512 configs.")
    static final class Llm extends DeviceBench {
        @Option(names = "--video-llava", paramLabel = "DIR", description = {"Instead: the multimodal path of this "
                + "Video-LLaVA folder stage by stage (frames, pixels, tower + projector, prefill with the video's "
                + "tokens, decode)."})
        Path videoLlava;

        @Option(names = "--video", paramLabel = "FILE", description = "With --video-llava: the video (default: a "
                + "generated 3 s 320x240 one).")
        Path video;

        @Option(names = "--new-tokens", paramLabel = "N", defaultValue = "32",
                description = "With --video-llava: tokens decoded after the first (default: ${DEFAULT-VALUE}).")
        int newTokens;

        @Override
        BenchTable run(Device device, int runs) {
            if (videoLlava != null) {
                return org.omnisila.engine.bench.FullModelBenchmark.run(device, videoLlava, video, newTokens, runs);
            }
            return LlmBenchmark.run(device, runs);
        }
    }

    /** {@code omnisila bench tune}. */
    @Command(name = "tune", mixinStandardHelpOptions = true,
            description = "One LoRA training step of an 8-layer width-512 decoder (random weights): fp32 and fp16 "
                    + "base, with and without gradient checkpointing; milliseconds and peak memory per step beside "
                    + "the estimate.")
    static final class Tune extends DeviceBench {
        @Option(names = "--sequence", paramLabel = "N", defaultValue = "512",
                description = "Tokens per example (default: ${DEFAULT-VALUE}).")
        int sequence;

        @Override
        BenchTable run(Device device, int runs) {
            return org.omnisila.engine.bench.TuningBenchmark.run(device, sequence, runs);
        }
    }

    /** {@code omnisila bench tfjs}. */
    @Command(name = "tfjs", mixinStandardHelpOptions = true,
            description = "Milliseconds per image of the TF.js graph models: the emotion model at 1 and 16 faces "
                    + "per call, CenterNet on a 512x512 image and a 1280x720 frame.")
    static final class Tfjs extends DeviceBench {
        @Override
        BenchTable run(Device device, int runs) {
            return TfjsBenchmark.run(device, runs);
        }
    }

    /** {@code omnisila bench objects}. */
    @Command(name = "objects", mixinStandardHelpOptions = true,
            description = "Milliseconds per 640x360 frame of the object and background extractors' steps: the "
                    + "shared CenterNet pass, the selfie mask, the relation rules, the background embedding.")
    static final class Objects extends DeviceBench {
        @Override
        BenchTable run(Device device, int runs) {
            return ObjectSceneBenchmark.run(device, runs);
        }
    }

    /** {@code omnisila bench scenes [VIDEO]}. */
    @Command(name = "scenes", mixinStandardHelpOptions = true,
            description = {"Without VIDEO: milliseconds per frame of the face and action extractors' models on a "
                    + "1280x720 frame: face detection, expression per face, CenterNet, pose per person, and the "
                    + "action extractor.",
                "With VIDEO: the analysis of that file step by step: decode-only and sampling frames per second, "
                    + "each extractor's milliseconds per sampled frame (and the shared CenterNet pass apart), and the "
                    + "whole analysis (decode -> 4 extractors -> ICM) as a multiple of real time."})
    static final class Scenes extends DeviceBench {
        @Parameters(index = "0", arity = "0..1", paramLabel = "VIDEO", description = "A video file (optional).")
        Path video;

        @Option(names = "--model", paramLabel = "DIR",
                description = "With VIDEO: an ICM checkpoint (default: an untrained small ICM of the extractors' "
                        + "widths, which costs the same).")
        Path model;

        @Mixin
        SegmentOption segment;

        @Override
        String report(Device dev) {
            return video == null ? super.report(dev) : AnalysisBenchmark.run(video, dev,
                    new AnalysisBenchmark.Settings(segment.plan(), runs, model)).format();
        }

        @Override
        BenchTable run(Device device, int runs) {
            return SceneBenchmark.run(device, runs);
        }
    }

    /** Prints a benchmark's report; returns the exit status 0. */
    private static int print(picocli.CommandLine.Model.CommandSpec spec, String report) {
        spec.commandLine().getOut().print(report);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** A benchmark that writes its data into a scratch folder. */
    private interface Benchmark {
        BenchTable run(Path dir) throws IOException;
    }

    /** Runs a benchmark in a fresh temporary folder, prints its table and deletes the folder. */
    private static int printInTempDir(picocli.CommandLine.Model.CommandSpec spec, Benchmark benchmark)
            throws IOException {
        Path dir = Files.createTempDirectory("omnisila-bench");
        try {
            return print(spec, benchmark.run(dir).format());
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
