package org.omnisila.annotator.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A client of an OpenAI-compatible chat-completions endpoint with image input: one request per segment, a system
 * message with the instructions and a user message with the text followed by the frames as {@code image_url}
 * parts, at temperature 0. Requests the server could not take (HTTP 429, 5xx, a dropped connection) are tried again
 * as a {@link RetryPolicy} says, honouring {@code Retry-After}; waiting and the request itself end as soon as the
 * work is cancelled. Every other failure is a {@link VlmException} with a one-line message that never contains the
 * API key.
 */
public final class ChatCompletionsClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** How often a running request checks for cancel, milliseconds. */
    private static final long POLL_MS = 100;

    private final VlmEndpoint endpoint;
    private final Optional<ApiKey> key;
    private final EndpointProblems problems;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final HttpClient http;

    /**
     * @param endpoint where to ask
     * @param keys     finds the API key (looked up once, now); none is sent when none is found
     * @param retry    how requests the server could not take are tried again
     * @param sleeper  waits between tries; {@link Sleeper#REAL}
     */
    public ChatCompletionsClient(VlmEndpoint endpoint, ApiKeys keys, RetryPolicy retry, Sleeper sleeper) {
        this.endpoint = endpoint;
        this.key = keys.find(endpoint);
        this.problems = new EndpointProblems(endpoint, key, keys.whereToPutIt(endpoint));
        this.retry = retry;
        this.sleeper = sleeper;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(endpoint.timeout().compareTo(Duration.ofSeconds(30)) < 0 ? endpoint.timeout()
                        : Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NEVER) // the key goes to the URL given, nowhere else
                .build();
    }

    /** The endpoint asked. */
    public VlmEndpoint endpoint() {
        return endpoint;
    }

    /** Where the key was found, or empty when none is sent. */
    public Optional<String> keySource() {
        return key.map(ApiKey::source);
    }

    /**
     * Asks the model once (with retries as above).
     *
     * @param system    the system message
     * @param user      the text of the user message
     * @param images    image URLs (data URIs), sent after the text in order
     * @param cancelled checked while the request runs and while waiting to retry
     * @return the answer's text and the model that wrote it
     * @throws VlmException          when the request fails; {@link VlmException#fatal()} says whether the next
     *                               one would fail the same way
     * @throws CancellationException when cancelled
     */
    public Completion complete(String system, String user, List<String> images, BooleanSupplier cancelled) {
        HttpRequest request = request(body(system, user, images));
        String lastProblem = null;
        for (int attempt = 1; ; attempt++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled");
            }
            Duration retryAfter = null;
            HttpResponse<String> response;
            try {
                response = send(request, cancelled);
            } catch (EndpointProblems.Transient e) {
                response = null;
                lastProblem = e.getMessage();
            }
            if (response != null) {
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return completion(response.body());
                }
                if (status != 429 && status < 500 || problems.quotaUsedUp(response)) {
                    throw problems.refused(response);
                }
                retryAfter = retryAfter(response);
                lastProblem = problems.busy(response);
            }
            if (attempt >= retry.attempts()) {
                throw problems.gaveUp(attempt, lastProblem);
            }
            sleeper.sleep(retry.delay(attempt, retryAfter), cancelled);
        }
    }

    private HttpRequest request(String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint.chatCompletions())
                .timeout(endpoint.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        key.ifPresent(k -> builder.header("Authorization", "Bearer " + k.value()));
        return builder.build();
    }

    /** The request's JSON: model, temperature 0, max tokens, the system message and the text-and-images message. */
    String body(String system, String user, List<String> images) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("model", endpoint.model());
        root.put("temperature", 0);
        root.put("max_tokens", endpoint.maxTokens());
        ArrayNode messages = root.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        ObjectNode userMessage = messages.addObject().put("role", "user");
        ArrayNode parts = userMessage.putArray("content");
        parts.addObject().put("type", "text").put("text", user);
        for (String image : images) {
            parts.addObject().put("type", "image_url").putObject("image_url").put("url", image);
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the request: " + e.getMessage(), e);
        }
    }

    private HttpResponse<String> send(HttpRequest request, BooleanSupplier cancelled) {
        CompletableFuture<HttpResponse<String>> future =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            while (true) {
                if (cancelled.getAsBoolean()) {
                    future.cancel(true);
                    throw new CancellationException("cancelled while waiting for " + problems.where());
                }
                try {
                    return future.get(POLL_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRunning) {
                    // check for cancel again
                }
            }
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for " + problems.where());
        } catch (ExecutionException e) {
            throw problems.unreachable(e.getCause());
        }
    }

    private Completion completion(String body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw problems.unreadable(body, "is not JSON");
        }
        JsonNode content = root.path("choices").path(0).path("message").path("content");
        String text;
        if (content.isTextual()) {
            text = content.textValue();
        } else if (content.isArray()) {
            StringBuilder joined = new StringBuilder();
            content.forEach(part -> joined.append(part.path("text").asText("")));
            text = joined.toString();
        } else {
            throw problems.unreadable(body, "has no choices[0].message.content");
        }
        JsonNode model = root.get("model");
        return new Completion(text, model != null && model.isTextual() && !model.textValue().isBlank()
                ? model.textValue() : "unknown");
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(HttpResponse<?> response) {
        Optional<String> value = response.headers().firstValue("Retry-After");
        if (value.isEmpty()) {
            return null;
        }
        String v = value.get().strip();
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException neither) {
                return null;
            }
        }
    }

}
