package org.omnisila.annotator.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.omnisila.annotator.generate.FakeVlmServer.Reply;

/** The client against a local server: the request it sends, retries, and the message of each failure. */
class ChatCompletionsClientTest {

    private static final String KEY = "sk-test-0123456789abcdef";
    private static final List<String> IMAGES = List.of("data:image/jpeg;base64,AAAA", "data:image/jpeg;base64,BBBB");

    private final FakeVlmServer server = new FakeVlmServer();
    private final List<Duration> slept = new ArrayList<>();
    private final Sleeper recordingSleeper = (d, cancelled) -> slept.add(d);

    @AfterEach
    void stop() {
        server.close();
    }

    private ChatCompletionsClient client(String key, RetryPolicy retry) {
        VlmEndpoint endpoint = VlmEndpoint.of(server.baseUrl() + "/", "gpt-4o");
        Map<String, String> env = key == null ? Map.of() : Map.of(VlmEndpoint.DEFAULT_KEY_VARIABLE, key);
        return new ChatCompletionsClient(endpoint, new ApiKeys(env::get, Keyring.NONE), retry, recordingSleeper);
    }

    private ChatCompletionsClient client() {
        return client(KEY, RetryPolicy.DEFAULT);
    }

    @Test
    void sendsTheSystemMessageTextAndImagesAtTemperatureZeroWithTheKey() {
        server.reply(Reply.ok(FakeVlmServer.completion("gpt-4o-2024-08-06", "{\"x\": 1}")));

        Completion c = client().complete("SYSTEM", "USER TEXT", IMAGES, () -> false);

        assertEquals("{\"x\": 1}", c.content());
        assertEquals("gpt-4o-2024-08-06", c.model());
        FakeVlmServer.Request r = server.requests().get(0);
        assertEquals("POST", r.method());
        assertEquals("/v1/chat/completions", r.path());
        assertEquals("Bearer " + KEY, r.header("Authorization"));
        JsonNode body = r.body();
        assertEquals("gpt-4o", body.get("model").asText());
        assertEquals(0, body.get("temperature").asInt());
        assertEquals(VlmEndpoint.DEFAULT_MAX_TOKENS, body.get("max_tokens").asInt());
        assertEquals("system", body.at("/messages/0/role").asText());
        assertEquals("SYSTEM", body.at("/messages/0/content").asText());
        assertEquals("user", body.at("/messages/1/role").asText());
        JsonNode parts = body.at("/messages/1/content");
        assertEquals(3, parts.size());
        assertEquals("text", parts.get(0).get("type").asText());
        assertEquals("USER TEXT", parts.get(0).get("text").asText());
        assertEquals("image_url", parts.get(1).get("type").asText());
        assertEquals(IMAGES.get(0), parts.get(1).at("/image_url/url").asText());
        assertEquals(IMAGES.get(1), parts.get(2).at("/image_url/url").asText());
    }

    @Test
    void withoutAKeyNoAuthorizationIsSentAndAnAnswerWithoutModelIsUnknown() {
        server.reply(Reply.ok("{\"choices\": [{\"message\": {\"content\": \"hi\"}}]}"));

        Completion c = client(null, RetryPolicy.DEFAULT).complete("s", "u", IMAGES, () -> false);

        assertEquals("unknown", c.model());
        assertEquals(null, server.requests().get(0).header("Authorization"));
    }

    @Test
    void retriesATooManyRequestsAfterTheTimeTheServerAsks() {
        server.reply(new Reply(429, Map.of("Retry-After", "7"), "{\"error\": {\"message\": \"slow down\"}}", 0),
                Reply.status(503, "busy"),
                Reply.ok(FakeVlmServer.completion("m", "answer")));

        Completion c = client().complete("s", "u", IMAGES, () -> false);

        assertEquals("answer", c.content());
        assertEquals(3, server.requests().size());
        // Retry-After of the 429 is honoured; the 503 without one backs off exponentially (2 s, then 4 s ...).
        assertEquals(List.of(Duration.ofSeconds(7), Duration.ofSeconds(4)), slept);
    }

    @Test
    void aUsedUpQuotaIsNotWaitedFor() {
        server.reply(Reply.status(429, "{\"error\": {\"message\": \"You exceeded your current quota\", \"code\":"
                + " \"insufficient_quota\"}}"));

        VlmException e = assertThrows(VlmException.class, () -> client().complete("s", "u", IMAGES, () -> false));

        assertTrue(e.fatal());
        assertEquals(1, server.requests().size());
        assertTrue(slept.isEmpty());
        assertTrue(e.getMessage().contains("the account's quota is used up (HTTP 429 insufficient_quota); the server"
                + " said: \"You exceeded your current quota\""), e.getMessage());
    }

    @Test
    void givesUpAfterTheAttemptsWithTheLastProblem() {
        server.reply(Reply.status(503, "{\"error\": {\"message\": \"overloaded\"}}"));

        VlmException e = assertThrows(VlmException.class, () -> client(KEY,
                new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(60))).complete("s", "u", IMAGES,
                        () -> false));

        assertFalse(e.fatal());
        assertEquals(3, server.requests().size());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), slept);
        assertTrue(e.getMessage().contains("could not answer after 3 tries: HTTP 503 (server error)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("overloaded"), e.getMessage());
    }

    @Test
    void aRefusedKeyIsFatalAndTheMessageSaysWhereItCameFromButNotTheKey() {
        // Some servers echo what they were sent: the message must still not show it.
        server.reply(Reply.status(401, "{\"error\": {\"message\": \"Incorrect API key provided: " + KEY
                + "\", \"code\": \"invalid_api_key\"}}"));

        VlmException e = assertThrows(VlmException.class, () -> client().complete("s", "u", IMAGES, () -> false));

        assertTrue(e.fatal());
        assertEquals(1, server.requests().size(), "a refused key is not retried");
        assertTrue(e.getMessage().contains("the API key from environment variable OMNISILA_VLM_API_KEY was refused"
                + " (HTTP 401)"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
        assertFalse(e.getMessage().contains("0123456789abcdef"), e.getMessage());
        assertTrue(e.getMessage().contains("Incorrect API key provided: ***"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aMissingKeySaysWhereToPutIt() {
        server.reply(Reply.status(403, ""));
        Keyring keyring = new Keyring() {
            @Override
            public java.util.Optional<String> lookup(String service, String account) {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<String> storeHint(String service, String account) {
                return java.util.Optional.of("secret-tool store service " + service + " account " + account);
            }
        };
        ChatCompletionsClient client = new ChatCompletionsClient(VlmEndpoint.of(server.baseUrl(), "gpt-4o"),
                new ApiKeys(name -> null, keyring), RetryPolicy.DEFAULT, recordingSleeper);

        VlmException e = assertThrows(VlmException.class, () -> client.complete("s", "u", IMAGES, () -> false));

        assertTrue(e.fatal());
        assertTrue(e.getMessage().contains("it needs an API key (HTTP 403) and none was found: set the environment"
                + " variable OMNISILA_VLM_API_KEY or store it in the keyring with: secret-tool store service"
                + " omnisila-vlm account 127.0.0.1"), e.getMessage());
    }

    @Test
    void notFoundPointsAtTheUrlAndTheModel() {
        server.reply(Reply.status(404, "{\"error\": {\"message\": \"The model `gpt-4o` does not exist\"}}"));

        VlmException e = assertThrows(VlmException.class, () -> client().complete("s", "u", IMAGES, () -> false));

        assertTrue(e.fatal());
        assertTrue(e.getMessage().startsWith(server.baseUrl() + "/chat/completions was not found (HTTP 404):"
                + " check the base URL (it usually ends in /v1) and the model name \"gpt-4o\""), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void aRedirectIsNotFollowedSoTheKeyGoesNowhereElse() {
        server.reply(new Reply(307, Map.of("Location", "https://elsewhere.example/v1/chat/completions"), "", 0));

        VlmException e = assertThrows(VlmException.class, () -> client().complete("s", "u", IMAGES, () -> false));

        assertTrue(e.fatal());
        assertEquals(1, server.requests().size());
        assertTrue(e.getMessage().startsWith(server.baseUrl() + "/chat/completions redirects (HTTP 307) to"
                + " https://elsewhere.example/v1/chat/completions; give the URL it redirects to"), e.getMessage());
    }

    @Test
    void aBadRequestConcernsTheSegmentOnly() {
        server.reply(Reply.status(400, "{\"error\": {\"message\": \"image too large\"}}"));

        VlmException e = assertThrows(VlmException.class, () -> client().complete("s", "u", IMAGES, () -> false));

        assertFalse(e.fatal());
        assertTrue(e.getMessage().contains("refused the request (HTTP 400); the server said: \"image too large\""),
                e.getMessage());
    }

    @Test
    void noServerIsAConnectionRefused() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        ChatCompletionsClient client = new ChatCompletionsClient(VlmEndpoint.of("http://127.0.0.1:" + port + "/v1",
                "m"), new ApiKeys(name -> null, Keyring.NONE), RetryPolicy.DEFAULT, recordingSleeper);

        VlmException e = assertThrows(VlmException.class, () -> client.complete("s", "u", IMAGES, () -> false));

        assertTrue(e.fatal());
        assertEquals("cannot connect to http://127.0.0.1:" + port + "/v1: connection refused (is the server"
                + " running, and is the URL right?)", e.getMessage());
    }

    @Test
    void aSlowServerTimesOut() {
        server.reply(new Reply(200, Map.of(), FakeVlmServer.completion("m", "late"), 3000));
        VlmEndpoint endpoint = new VlmEndpoint(VlmEndpoint.parse(server.baseUrl()), "m", 100,
                Duration.ofMillis(300), VlmEndpoint.DEFAULT_KEY_VARIABLE);
        ChatCompletionsClient client = new ChatCompletionsClient(endpoint, new ApiKeys(name -> null, Keyring.NONE),
                RetryPolicy.DEFAULT, recordingSleeper);

        VlmException e = assertThrows(VlmException.class, () -> client.complete("s", "u", IMAGES, () -> false));

        assertFalse(e.fatal());
        assertTrue(e.getMessage().contains("within 0.3 s (the request timed out)"), e.getMessage());
    }

    @Test
    void anAnswerThatIsNotJsonIsQuoted() {
        server.reply(new Reply(200, Map.of("Content-Type", "text/html"), "<html><body>Bad gateway</body></html>", 0));

        VlmException e = assertThrows(VlmException.class, () -> client().complete("s", "u", IMAGES, () -> false));

        assertFalse(e.fatal());
        assertTrue(e.getMessage().endsWith("is not JSON; it starts with \"<html><body>Bad gateway</body></html>\""),
                e.getMessage());
    }

    @Test
    void anAnswerWithoutContentIsQuoted() {
        server.reply(Reply.ok("{\"choices\": []}"));

        VlmException e = assertThrows(VlmException.class, () -> client().complete("s", "u", IMAGES, () -> false));

        assertTrue(e.getMessage().contains("has no choices[0].message.content; it starts with \"{\"choices\": []}\""),
                e.getMessage());
    }

    @Test
    void cancelStopsTheWaitBeforeARetry() {
        server.reply(new Reply(429, Map.of("Retry-After", "30"), "", 0));
        AtomicBoolean cancel = new AtomicBoolean();
        ChatCompletionsClient client = new ChatCompletionsClient(VlmEndpoint.of(server.baseUrl(), "m"),
                new ApiKeys(name -> null, Keyring.NONE), RetryPolicy.DEFAULT, Sleeper.REAL);
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                // cancel now
            }
            cancel.set(true);
        });
        long start = System.nanoTime();
        canceller.start();

        assertThrows(CancellationException.class, () -> client.complete("s", "u", IMAGES, cancel::get));

        assertTrue(System.nanoTime() - start < 5_000_000_000L, "the 30 s wait was cut short");
        assertEquals(1, server.requests().size());
    }

    @Test
    void retryAfterIsReadAsSecondsOrLeftOut() {
        RetryPolicy p = new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofSeconds(60));
        assertEquals(Duration.ofSeconds(2), p.delay(1, null));
        assertEquals(Duration.ofSeconds(16), p.delay(4, null));
        assertEquals(Duration.ofSeconds(60), p.delay(10, null));
        assertEquals(Duration.ofSeconds(60), p.delay(1, Duration.ofSeconds(600)), "bounded");
        assertEquals(Duration.ZERO, p.delay(3, Duration.ZERO));
    }
}
