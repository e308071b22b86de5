package org.omnisila.annotator.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A chat-completions endpoint for tests only: a local HTTP server on a free port that records every request and
 * answers with the replies queued, in order (the last one repeats). Not part of the product.
 */
final class FakeVlmServer implements AutoCloseable {

    /** A request as the server received it. */
    record Request(String method, String path, Map<String, List<String>> headers, JsonNode body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** A canned reply; {@code delayMs} holds it back (for timeouts). */
    record Reply(int status, Map<String, String> headers, String body, long delayMs) {
        static Reply ok(String body) {
            return new Reply(200, Map.of("Content-Type", "application/json"), body, 0);
        }

        static Reply status(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body, 0);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Reply> replies = new ArrayDeque<>();
    private Function<Request, Reply> responder;

    FakeVlmServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL, {@code http://127.0.0.1:PORT/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Queues replies, answered in order; the last one is repeated. */
    synchronized FakeVlmServer reply(Reply... more) {
        replies.addAll(List.of(more));
        return this;
    }

    /** Answers each request by a function of it instead of the queue. */
    synchronized FakeVlmServer respond(Function<Request, Reply> function) {
        this.responder = function;
        return this;
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            JsonNode body = bytes.length == 0 ? null : MAPPER.readTree(bytes);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body);
            requests.add(request);
            Reply reply = next(request);
            if (reply.delayMs() > 0) {
                try {
                    Thread.sleep(reply.delayMs());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
        } catch (IOException | RuntimeException e) {
            // the client went away (a timeout test): nothing to answer
        }
    }

    private synchronized Reply next(Request request) {
        if (responder != null) {
            return responder.apply(request);
        }
        if (replies.isEmpty()) {
            return Reply.status(500, "{\"error\": {\"message\": \"no reply queued\"}}");
        }
        return replies.size() == 1 ? replies.peek() : replies.poll();
    }

    /** A completion whose content is {@code content}, from model {@code model}. */
    static String completion(String model, String content) {
        var root = MAPPER.createObjectNode();
        root.put("id", "chatcmpl-1").put("object", "chat.completion").put("model", model);
        var choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        return root.toString();
    }

    /** The answer object asked for. */
    static String answer(String face, String sentiment) {
        var o = MAPPER.createObjectNode();
        o.put("face", face).put("action", "A man raises a fist.").put("object", "man - holds - placard")
                .put("background", "A street at dusk.").put("summary", "The raised fist shows anger.")
                .put("sentiment", sentiment);
        return o.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
