package org.omnisila.app.cli.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.video.SyntheticVideo;

/**
 * {@code omnisila annotate generate} against a local chat-completions server started by the test (a fake allowed in
 * tests only), on a 6 s video written by the test.
 */
class GenerateCommandTest {

    private static final String KEY = "sk-cli-secret-99";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path videos;
    static Path video;

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> imageCounts = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;
    private volatile int status = 200;

    @BeforeAll
    static void writeVideo() throws Exception {
        video = videos.resolve("clip.mp4");
        SyntheticVideo.mp4(160, 120, 25, 150).write(video);
    }

    private String startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            try (exchange) {
                JsonNode request = MAPPER.readTree(exchange.getRequestBody().readAllBytes());
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                imageCounts.add(request.at("/messages/1/content").size() - 1);
                String body;
                if (status == 200) {
                    String answer = "```json\n{\"face\": \"A frown.\", \"action\": \"Shouting.\", \"object\":"
                            + " \"man - holds - sign\", \"background\": \"A street.\", \"summary\": \"Anger.\","
                            + " \"sentiment\": \"negative\"}\n```";
                    var root = MAPPER.createObjectNode().put("model", "gpt-4o-2024-08-06");
                    root.putArray("choices").addObject().putObject("message").put("content", answer);
                    body = root.toString();
                } else {
                    body = "{\"error\": {\"message\": \"Incorrect API key provided: " + KEY + "\"}}";
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private Path project() {
        Path project = folder.resolve("review.sila");
        assertEquals(0, AnnotateCommandTest.run(new StringWriter(), err, Map.of(), "create", project.toString(),
                "--name", "Generated"));
        return project;
    }

    @Test
    void generatesEverySegmentThenNothingTheSecondTime() throws Exception {
        Path project = project();
        String url = startServer();
        Map<String, String> env = Map.of("MY_VLM_KEY", KEY);

        int code = AnnotateCommandTest.run(out, err, env, "generate", project.toString(), "--url", url, "--model",
                "gpt-4o", "--api-key-env", "MY_VLM_KEY", "--video", video.toString(), "--annotator", "Ann");

        assertEquals(0, code, err.toString());
        assertEquals("3 segments: 3 added, 0 already in the project, 0 failed\n", out.toString());
        assertTrue(err.toString().startsWith("asking gpt-4o at " + url + "/chat/completions (API key from"
                + " environment variable MY_VLM_KEY)"), err.toString());
        assertTrue(err.toString().contains("clip.mp4: 3/3 segments"), err.toString());
        assertEquals(List.of("Bearer " + KEY, "Bearer " + KEY, "Bearer " + KEY), authorizations);
        assertEquals(List.of(8, 8, 8), imageCounts);

        StringWriter listed = new StringWriter();
        assertEquals(0, AnnotateCommandTest.run(listed, err, Map.of(), "list", project.toString(), "--format",
                "json"));
        JsonNode items = MAPPER.readTree(listed.toString());
        assertEquals(3, items.size());
        assertEquals("gpt-4o", items.get(2).at("/generator/name").asText());
        assertEquals("gpt-4o-2024-08-06", items.get(2).at("/generator/version").asText());
        assertEquals("Shouting.", items.get(2).at("/aspects/action").asText());

        out.getBuffer().setLength(0);
        assertEquals(0, AnnotateCommandTest.run(out, err, env, "generate", project.toString(), "--url", url,
                "--model", "gpt-4o", "--api-key-env", "MY_VLM_KEY", "--video", video.toString()));
        assertEquals("3 segments: 0 added, 3 already in the project, 0 failed\n", out.toString());
        assertEquals(3, authorizations.size(), "nothing asked again");
    }

    @Test
    void aFileThatIsNoVideoIsReportedAndTheNextVideoStillDone() throws Exception {
        Path project = project();
        String url = startServer();
        Path text = folder.resolve("notes.txt");
        java.nio.file.Files.writeString(text, "not a video");

        int code = AnnotateCommandTest.run(out, err, Map.of(), "generate", project.toString(), "--url", url,
                "--model", "m", "--video", text.toString(), video.toString());

        assertEquals(1, code);
        assertTrue(err.toString().contains("not a video that can be read, skipped: " + text + ": not a video file: it"
                + " holds text"), err.toString());
        assertEquals("3 segments: 3 added, 0 already in the project, 0 failed\n", out.toString());
    }

    @Test
    void aRefusedKeyStopsWithOneLineThatDoesNotShowTheKey() throws Exception {
        Path project = project();
        String url = startServer();
        status = 401;

        int code = AnnotateCommandTest.run(out, err, Map.of("OMNISILA_VLM_API_KEY", KEY), "generate",
                project.toString(), "--url", url, "--model", "gpt-4o", "--video", video.toString());

        assertEquals(1, code);
        assertEquals(1, authorizations.size());
        String summary = out.toString();
        assertTrue(summary.startsWith("3 segments: 0 added, 0 already in the project, 0 failed; stopped: " + url
                + "/chat/completions: the API key from environment variable OMNISILA_VLM_API_KEY was refused (HTTP"
                + " 401)"), summary);
        assertFalse(summary.contains(KEY), summary);
        assertFalse(err.toString().contains(KEY), err.toString());
        assertEquals(1, summary.strip().lines().count());
    }

    @Test
    void noServerIsOneClearLine() throws Exception {
        Path project = project();
        int port;
        try (var free = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }

        int code = AnnotateCommandTest.run(out, err, Map.of(), "generate", project.toString(), "--url",
                "http://127.0.0.1:" + port + "/v1", "--model", "llava", "--video", video.toString());

        assertEquals(1, code);
        assertTrue(out.toString().endsWith("stopped: cannot connect to http://127.0.0.1:" + port + "/v1: connection"
                + " refused (is the server running, and is the URL right?)\n"), out.toString());
        assertTrue(err.toString().contains("(no API key found; none sent)"), err.toString());
    }

    @Test
    void theSourceIsVideosOrGroundTruthNotBoth() {
        Path project = project();

        assertEquals(2, AnnotateCommandTest.run(out, err, Map.of(), "generate", project.toString(), "--url",
                "http://localhost:8000/v1", "--model", "m", "--video", video.toString(), "--ground-truth-items"));
        assertTrue(err.toString().contains("mutually exclusive"), err.toString());

        err.getBuffer().setLength(0);
        assertEquals(2, AnnotateCommandTest.run(out, err, Map.of(), "generate", project.toString(), "--url",
                "http://localhost:8000/v1", "--model", "m", "--ground-truth-items", "--segment", "4"));
        assertTrue(err.toString().contains("--segment goes with --video"), err.toString());

        err.getBuffer().setLength(0);
        assertEquals(1, AnnotateCommandTest.run(out, err, Map.of(), "generate", project.toString(), "--url",
                "localhost:8000", "--model", "m", "--ground-truth-items"));
        assertTrue(err.toString().startsWith("annotate generate: the endpoint URL \"localhost:8000\" is not an http"
                + " or https URL"), err.toString());
    }

    @Test
    void groundTruthWithoutAnyItemsAsksNothing() throws Exception {
        Path project = project();
        String url = startServer();

        assertEquals(0, AnnotateCommandTest.run(out, err, Map.of(), "generate", project.toString(), "--url", url,
                "--model", "m", "--ground-truth-items"));

        assertEquals("0 segments: 0 added, 0 already in the project, 0 failed\n", out.toString());
        assertTrue(authorizations.isEmpty());
    }
}
