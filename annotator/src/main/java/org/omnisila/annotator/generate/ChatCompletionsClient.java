package org.omnisila.annotator.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
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
import javax.net.ssl.SSLException;

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
    /** How much of a server's error text a message quotes. */
    private static final int QUOTED = 200;

    private final VlmEndpoint endpoint;
    private final Optional<ApiKey> key;
    private final String whereToPutKey;
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
        this.whereToPutKey = keys.whereToPutIt(endpoint);
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
            } catch (Transient e) {
                response = null;
                lastProblem = e.getMessage();
            }
            if (response != null) {
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return completion(response.body());
                }
                if (status != 429 && status < 500) {
                    throw refused(response);
                }
                if (status == 429 && "insufficient_quota".equals(errorField(response.body(), "code"))) {
                    throw new VlmException(where() + " refused the request: the account's quota is used up (HTTP 429"
                            + " insufficient_quota); " + serverSaid(response.body()), true, null);
                }
                retryAfter = retryAfter(response);
                lastProblem = "HTTP " + status + (status == 429 ? " (too many requests)" : " (server error)") + "; "
                        + serverSaid(response.body());
            }
            if (attempt >= retry.attempts()) {
                throw new VlmException(where() + " could not answer after " + attempt
                        + (attempt == 1 ? " try" : " tries") + ": " + lastProblem + "; try again later", false, null);
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
                    throw new CancellationException("cancelled while waiting for " + where());
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
            throw new CancellationException("interrupted while waiting for " + where());
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    /** A failure to get any answer: fatal when the server cannot be reached, else one try of a retry. */
    private RuntimeException failure(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new VlmException("cannot connect to " + endpoint.baseUrl() + ": no answer within "
                    + seconds(endpoint.timeout()) + " (is the server running, and is the URL right?)", true, cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new VlmException("no answer from " + where() + " within " + seconds(endpoint.timeout())
                    + " (the request timed out); give it a longer timeout, or check that the server is not stuck",
                    false, cause);
        }
        if (cause instanceof ConnectException || cause instanceof UnresolvedAddressException) {
            boolean unknownHost = cause instanceof UnresolvedAddressException
                    || cause.getCause() instanceof UnresolvedAddressException;
            return new VlmException("cannot connect to " + endpoint.baseUrl() + ": "
                    + (unknownHost ? "unknown host " + endpoint.host() : "connection refused")
                    + " (is the server running, and is the URL right?)", true, cause);
        }
        if (cause instanceof SSLException) {
            return new VlmException("cannot open a secure connection to " + endpoint.baseUrl() + ": "
                    + cause.getMessage(), true, cause);
        }
        if (cause instanceof IOException) {
            return new Transient("the connection failed (" + cause.getMessage() + ")");
        }
        return new VlmException("the request to " + where() + " failed: " + cause, false, cause);
    }

    private Completion completion(String body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw new VlmException("the answer of " + where() + " is not JSON; it starts with \""
                    + quote(body, AttributionAnswer.QUOTED) + "\"", false, null);
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
            throw new VlmException("the answer of " + where() + " has no choices[0].message.content; it starts with"
                    + " \"" + quote(body, AttributionAnswer.QUOTED) + "\"", false, null);
        }
        JsonNode model = root.get("model");
        return new Completion(text, model != null && model.isTextual() && !model.textValue().isBlank()
                ? model.textValue() : "unknown");
    }

    private VlmException refused(HttpResponse<String> response) {
        int status = response.statusCode();
        String said = serverSaid(response.body());
        if (status == 401 || status == 403) {
            String keyPart = key.map(k -> "the API key from " + k.source() + " was refused (HTTP " + status
                    + "): check that it is valid for this endpoint and model, or " + whereToPutKey)
                    .orElse("it needs an API key (HTTP " + status + ") and none was found: " + whereToPutKey);
            return new VlmException(where() + ": " + keyPart + "; " + said, true, null);
        }
        if (status >= 300 && status < 400) {
            String location = response.headers().firstValue("Location").map(to -> " to " + to).orElse("");
            return new VlmException(where() + " redirects (HTTP " + status + ")" + location + "; give the URL it"
                    + " redirects to as the base URL (the API key is not sent on to another address)", true, null);
        }
        if (status == 404) {
            return new VlmException(where() + " was not found (HTTP 404): check the base URL (it usually ends in"
                    + " /v1) and the model name \"" + endpoint.model() + "\"; " + said, true, null);
        }
        return new VlmException(where() + " refused the request (HTTP " + status + "); " + said, false, null);
    }

    /** What the server said, from OpenAI's {@code {"error": {"message": ...}}} or the start of the body. */
    private String serverSaid(String body) {
        String message = errorField(body, "message");
        String raw = message != null ? message : body == null ? "" : body;
        String text = key.map(k -> k.redact(raw)).orElse(raw);
        return text.isBlank() ? "the server gave no reason" : "the server said: \"" + quote(text, QUOTED) + "\"";
    }

    private static String errorField(String body, String field) {
        try {
            JsonNode root = MAPPER.readTree(body == null ? "" : body);
            JsonNode error = root == null ? null : root.get("error");
            if (error != null && error.isObject() && error.path(field).isTextual()) {
                return error.path(field).textValue();
            }
            if (error != null && error.isTextual() && field.equals("message")) {
                return error.textValue();
            }
        } catch (JsonProcessingException notJson) {
            // the body is quoted as it is
        }
        return null;
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

    private String where() {
        URI url = endpoint.chatCompletions();
        return url.toString();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    private static String quote(String text, int max) {
        String line = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return line.length() <= max ? line : line.substring(0, max) + "...";
    }

    /** One try failed in a way a retry may mend. */
    private static final class Transient extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Transient(String message) {
            super(message, null, false, false);
        }
    }
}
