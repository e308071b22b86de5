package org.omnisila.annotator.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.annotator.generate.FakeVlmServer.Reply;
import org.omnisila.annotator.importer.AttributionImporter;
import org.omnisila.annotator.importer.ImportListener;
import org.omnisila.annotator.importer.ImportReport;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.Aspects;
import org.omnisila.annotator.project.ImportBatch;
import org.omnisila.annotator.project.ImportKind;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ItemFilter;
import org.omnisila.annotator.project.ItemSource;
import org.omnisila.annotator.project.NewItem;
import org.omnisila.engine.models.Sha256;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.video.SegmentPlan;
import org.omnisila.engine.video.SyntheticVideo;

/**
 * The generator on a real video (6 s at 25 fps, written by the test, frames showing their index) against a local
 * server: what it sends for each segment, what it imports, failures, stops, cancel and re-runs.
 */
class AttributionGeneratorTest {

    private static final String KEY = "sk-generator-test-key-42";
    private static final String ANSWERING_MODEL = "gpt-4o-2024-08-06";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path videos;
    static Path video;

    @TempDir
    Path folder;

    private final FakeVlmServer server = new FakeVlmServer();
    private final List<Duration> slept = new ArrayList<>();
    private AnnotationProject project;

    @BeforeAll
    static void writeVideo() throws Exception {
        video = videos.resolve("clip.mp4");
        SyntheticVideo.mp4(320, 240, 25, 150).write(video);
    }

    @BeforeEach
    void openProject() {
        Path file = folder.resolve("review.sila");
        AnnotationProject.create(file, "Generated");
        project = AnnotationProject.open(file, "Ann");
    }

    @AfterEach
    void close() {
        project.close();
        server.close();
    }

    private AttributionGenerator generator(String key) {
        Map<String, String> env = key == null ? Map.of() : Map.of(VlmEndpoint.DEFAULT_KEY_VARIABLE, key);
        ChatCompletionsClient client = new ChatCompletionsClient(VlmEndpoint.of(server.baseUrl(), "gpt-4o"),
                new ApiKeys(env::get, Keyring.NONE), RetryPolicy.DEFAULT, (d, cancelled) -> slept.add(d));
        return new AttributionGenerator(project, client, AttributionPrompt.ALL_LABELS,
                new FrameImages(FrameImages.DEFAULT_MAX_SIDE), SegmentPlan.DEFAULT);
    }

    /** Answers every request with a fenced object whose face names the segment's start. */
    private static Reply fencedAnswer(FakeVlmServer.Request request) {
        String start = userText(request).replaceAll(".*segment from ([0-9.]+) s.*", "$1");
        return Reply.ok(FakeVlmServer.completion(ANSWERING_MODEL, "```json\n"
                + FakeVlmServer.answer("face at " + start, "Negative") + "\n```"));
    }

    private static String userText(FakeVlmServer.Request request) {
        return request.body().at("/messages/1/content/0/text").asText();
    }

    /** The frame indices the images of a request show. */
    private static List<Integer> frameIndices(FakeVlmServer.Request request) throws IOException {
        List<Integer> indices = new ArrayList<>();
        JsonNode parts = request.body().at("/messages/1/content");
        for (int i = 1; i < parts.size(); i++) {
            assertEquals("image_url", parts.get(i).get("type").asText());
            BufferedImage jpeg = ImageIO.read(new ByteArrayInputStream(FrameImages.decode(
                    parts.get(i).at("/image_url/url").asText())));
            assertEquals(320, jpeg.getWidth());
            assertEquals(240, jpeg.getHeight());
            byte[] rgb = new byte[320 * 240 * 3];
            for (int y = 0; y < 240; y++) {
                for (int x = 0; x < 320; x++) {
                    int p = jpeg.getRGB(x, y);
                    int o = (y * 320 + x) * 3;
                    rgb[o] = (byte) (p >> 16);
                    rgb[o + 1] = (byte) (p >> 8);
                    rgb[o + 2] = (byte) p;
                }
            }
            indices.add(SyntheticVideo.indexOf(new RgbImage(320, 240, rgb)));
        }
        return indices;
    }

    @Test
    void attributesEverySegmentWithItsEightFramesAndImportsAsTheJsonLinesWould() throws Exception {
        AtomicInteger count = new AtomicInteger();
        server.respond(request -> count.incrementAndGet() == 1
                ? new Reply(429, Map.of("Retry-After", "1"), "", 0) : fencedAnswer(request));
        List<String> progress = new ArrayList<>();

        GenerationReport report = generator(KEY).segments(video, new GenerationListener() {
            @Override
            public void progress(Path v, int done, int total) {
                progress.add(done + "/" + total);
            }

            @Override
            public void failed(SegmentFailure failure) {
                progress.add("failed " + failure.message());
            }
        }, () -> false);

        assertEquals(new GenerationReport(3, 3, 0, List.of(), false, null), report);
        assertEquals(List.of("1/3", "2/3", "3/3"), progress);
        assertEquals(List.of(Duration.ofSeconds(1)), slept, "the 429 was retried after its Retry-After");
        List<FakeVlmServer.Request> requests = server.requests();
        assertEquals(4, requests.size());
        for (FakeVlmServer.Request r : requests) {
            assertEquals("/v1/chat/completions", r.path());
            assertEquals("Bearer " + KEY, r.header("Authorization"));
            assertEquals("gpt-4o", r.body().get("model").asText());
            assertEquals(AttributionPrompt.ALL_LABELS.system(), r.body().at("/messages/0/content").asText());
        }
        assertEquals(AttributionPrompt.ALL_LABELS.user(0, 2, 8, null), userText(requests.get(1)));
        // The frames the engine samples: Video-LLaVA's linspace over each segment's 50 frame slots.
        assertEquals(List.of(0, 7, 14, 21, 28, 35, 42, 49), frameIndices(requests.get(1)));
        assertEquals(List.of(50, 57, 64, 71, 78, 85, 92, 99), frameIndices(requests.get(2)));
        assertEquals(List.of(100, 107, 114, 121, 128, 135, 142, 149), frameIndices(requests.get(3)));

        List<Item> items = project.items(ItemFilter.all());
        assertEquals(3, items.size());
        for (int i = 0; i < 3; i++) {
            Item item = items.get(i);
            assertEquals(2.0 * i, item.start());
            assertEquals(ItemSource.ATTRIBUTION, item.source());
            assertEquals("gpt-4o", item.generator());
            assertEquals(ANSWERING_MODEL, item.generatorVersion());
            assertEquals("negative", item.label());
            assertEquals(new Aspects("face at " + String.format("%.2f", 2.0 * i), "A man raises a fist.",
                    "man - holds - placard", "A street at dusk."), item.aspects());
            assertEquals("The raised fist shows anger.", item.summary());
            assertEquals(video.toAbsolutePath().normalize().toString(), item.videoPath());
        }
        assertEquals(Sha256.of(video), project.videos().get(0).sha256());
        assertEquals(6.0, items.get(2).end(), 0.05);

        // The same attributions as a JSON-lines file are the same items: nothing new.
        Path jsonl = folder.resolve("same.jsonl");
        StringBuilder lines = new StringBuilder();
        for (Item item : items) {
            var line = MAPPER.createObjectNode();
            line.put("video", video.toAbsolutePath().toString()).put("start", item.start()).put("end", item.end());
            line.putObject("aspects").put("face", item.aspects().face()).put("action", item.aspects().action())
                    .put("object", item.aspects().object()).put("background", item.aspects().background());
            line.put("summary", item.summary()).put("sentiment", "Negative");
            line.putObject("generator").put("name", "gpt-4o").put("version", ANSWERING_MODEL);
            lines.append(line).append('\n');
        }
        Files.writeString(jsonl, lines);
        ImportReport again = AttributionImporter.importFile(project, jsonl, ImportListener.SILENT, () -> false);
        assertEquals(0, again.added());
        assertEquals(3, again.alreadyPresent());

        // Run again: nothing is asked, nothing added.
        GenerationReport rerun = generator(KEY).segments(video, GenerationListener.SILENT, () -> false);
        assertEquals(new GenerationReport(3, 0, 3, List.of(), false, null), rerun);
        assertEquals(4, server.requests().size());
        assertEquals(3, project.items(ItemFilter.all()).size());
    }

    @Test
    void aMalformedAnswerIsReportedAndSkippedAndARerunAsksOnlyForThatSegment() {
        server.respond(request -> userText(request).contains("from 2.00 s")
                ? Reply.ok(FakeVlmServer.completion(ANSWERING_MODEL, "I cannot describe people."))
                : fencedAnswer(request));
        List<SegmentFailure> told = new ArrayList<>();

        GenerationReport report = generator(KEY).segments(video, new GenerationListener() {
            @Override
            public void progress(Path v, int done, int total) {
            }

            @Override
            public void failed(SegmentFailure failure) {
                told.add(failure);
            }
        }, () -> false);

        assertEquals(2, report.added());
        assertEquals(1, report.failures().size());
        assertEquals(told, report.failures());
        assertEquals("clip.mp4, 2.00-4.00 s: the model did not answer with a JSON object; the answer starts with"
                + " \"I cannot describe people.\"", report.failures().get(0).message());
        assertTrue(report.completed());
        assertEquals("3 segments: 2 added, 0 already in the project, 1 failed", report.summary());

        server.respond(AttributionGeneratorTest::fencedAnswer);
        GenerationReport rerun = generator(KEY).segments(video, GenerationListener.SILENT, () -> false);

        assertEquals(new GenerationReport(3, 1, 2, List.of(), false, null), rerun);
        assertEquals(4, server.requests().size());
        assertTrue(userText(server.requests().get(3)).contains("from 2.00 s to 4.00 s"));
    }

    @Test
    void aRefusedKeyStopsTheRunAtOnceWithoutShowingTheKey() {
        server.reply(Reply.status(401, "{\"error\": {\"message\": \"Incorrect API key provided: " + KEY + "\"}}"));

        GenerationReport report = generator(KEY).segments(video, GenerationListener.SILENT, () -> false);

        assertEquals(1, server.requests().size());
        assertEquals(0, report.added());
        assertTrue(report.failures().isEmpty());
        assertFalse(report.completed());
        assertTrue(report.stopReason().contains("the API key from environment variable OMNISILA_VLM_API_KEY was"
                + " refused (HTTP 401)"), report.stopReason());
        assertFalse(report.stopReason().contains(KEY), report.stopReason());
        assertFalse(report.summary().contains(KEY));
        assertTrue(project.items(ItemFilter.all()).isEmpty());
    }

    @Test
    void fiveFailuresInARowStopTheRun() throws Exception {
        Path longer = folder.resolve("long.mp4");
        SyntheticVideo.mp4(64, 48, 10, 200).write(longer); // 20 s: 10 segments
        server.reply(Reply.ok(FakeVlmServer.completion("m", "{\"face\": \"only\"}")));

        GenerationReport report = generator(KEY).segments(longer, GenerationListener.SILENT, () -> false);

        assertEquals(10, report.segments());
        assertEquals(AttributionGenerator.FAILURES_IN_A_ROW, report.failures().size());
        assertEquals(AttributionGenerator.FAILURES_IN_A_ROW, server.requests().size());
        assertTrue(report.stopReason().startsWith("5 segments in a row failed, the last one with: the model's answer"
                + " lacks the field \"action\""), report.stopReason());
    }

    @Test
    void aSegmentWithoutDecodableFramesIsReportedNotAsked() throws Exception {
        // Two seconds of frames, a two-second hole, two seconds more: the middle segment has nothing to show.
        double[] times = new double[100];
        for (int i = 0; i < 100; i++) {
            times[i] = (i < 50 ? i : i + 50) / 25.0;
        }
        Path holed = folder.resolve("holed.mp4");
        SyntheticVideo.mp4(64, 48, 25, 100).frameTimes(times).write(holed);
        server.respond(AttributionGeneratorTest::fencedAnswer);

        GenerationReport report = generator(KEY).segments(holed, GenerationListener.SILENT, () -> false);

        assertEquals(3, report.segments());
        assertEquals(2, report.added());
        assertEquals(2, server.requests().size());
        assertEquals(1, report.failures().size());
        assertEquals("holed.mp4, 2.00-4.00 s: its frames could not be decoded (damaged video data); not asked",
                report.failures().get(0).message());
    }

    @Test
    void cancelKeepsWhatWasAnswered() {
        server.respond(AttributionGeneratorTest::fencedAnswer);
        AtomicBoolean cancel = new AtomicBoolean();

        GenerationReport report = generator(null).segments(video, new GenerationListener() {
            @Override
            public void progress(Path v, int done, int total) {
                cancel.set(true);
            }

            @Override
            public void failed(SegmentFailure failure) {
            }
        }, cancel::get);

        assertTrue(report.cancelled());
        assertEquals(1, report.added());
        assertEquals(1, server.requests().size());
        assertNull(server.requests().get(0).header("Authorization"), "no key, no header");
        assertEquals(1, project.items(ItemFilter.all()).size());
    }

    @Test
    void groundTruthSegmentsWithoutAspectsAreAskedWithTheirLabel() throws Exception {
        try (ImportBatch batch = project.beginImport(ImportKind.GROUND_TRUTH, folder.resolve("gt.json"))) {
            long here = batch.video(video.toAbsolutePath().toString(), null, null);
            long gone = batch.video(folder.resolve("moved.mp4").toString(), null, null);
            Path text = Files.writeString(folder.resolve("notes.mp4"), "not a video");
            long notVideo = batch.video(text.toString(), null, null);
            batch.add(new NewItem(notVideo, 0.0, 1.0, null, "neutral", Aspects.none(), null, ItemSource.GROUND_TRUTH,
                    "ground-truth", "", null));
            batch.add(new NewItem(here, 1.0, 3.5, null, "positive", Aspects.none(), "smiles", ItemSource.GROUND_TRUTH,
                    "ground-truth", "", null));
            batch.add(new NewItem(gone, 0.0, 2.0, null, "negative", Aspects.none(), null, ItemSource.GROUND_TRUTH,
                    "ground-truth", "", null));
            batch.finish(0);
        }
        server.respond(AttributionGeneratorTest::fencedAnswer);

        GenerationReport report = generator(KEY).groundTruthItems(GenerationListener.SILENT, () -> false);

        assertEquals(3, report.segments());
        assertEquals(1, report.added());
        assertEquals(2, report.failures().size());
        assertTrue(report.failures().get(0).message().startsWith("moved.mp4, 0.00-2.00 s: the video is not at "),
                report.failures().get(0).message());
        assertTrue(report.failures().get(0).message().endsWith("; relink the project to the folder that holds it"));
        assertTrue(report.failures().get(1).message().startsWith("notes.mp4, 0.00-1.00 s: not a video file: it holds"
                + " text"), report.failures().get(1).message());
        FakeVlmServer.Request request = server.requests().get(0);
        assertEquals(AttributionPrompt.ALL_LABELS.user(1.0, 3.5, 8, "positive"), userText(request));
        // A span off the 2 s grid is sampled as a segment of it would be: slots 25..87 at 25 fps.
        assertEquals(List.of(25, 33, 42, 51, 60, 69, 78, 87), frameIndices(request));
        List<Item> generated = project.items(ItemFilter.all().withSource(ItemSource.ATTRIBUTION));
        assertEquals(1, generated.size());
        assertEquals(1.0, generated.get(0).start());
        assertEquals(3.5, generated.get(0).end());
        assertEquals("negative", generated.get(0).label(), "the model's own label, not the annotator's");

        GenerationReport rerun = generator(KEY).groundTruthItems(GenerationListener.SILENT, () -> false);
        assertEquals(1, rerun.alreadyPresent());
        assertEquals(1, server.requests().size());
    }
}
