package org.omnisila.annotator.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * The messages of what can go wrong talking to an endpoint, one line each, naming the URL, what happened and what to
 * do, and whether the next request would fail alike ({@link VlmException#fatal()}). Whatever a server sends back is
 * quoted with the API key replaced by {@code ***}; the key's source is named, never its value.
 */
final class EndpointProblems {

    /** How much of a server's error text a message quotes. */
    static final int QUOTED = 200;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final VlmEndpoint endpoint;
    private final Optional<ApiKey> key;
    private final String whereToPutKey;

    /**
     * @param endpoint      the endpoint asked
     * @param key           the key sent, if any
     * @param whereToPutKey how a user gives a key ({@link ApiKeys#whereToPutIt})
     */
    EndpointProblems(VlmEndpoint endpoint, Optional<ApiKey> key, String whereToPutKey) {
        this.endpoint = endpoint;
        this.key = key;
        this.whereToPutKey = whereToPutKey;
    }

    /** The URL requests go to, as messages name it. */
    String where() {
        return endpoint.chatCompletions().toString();
    }

    /** A failure to get any answer: fatal when the server cannot be reached, else one try of a retry. */
    RuntimeException unreachable(Throwable cause) {
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

    /** A refusal that retrying would not mend: a redirect, the key, a wrong URL or model, a used-up quota, ... */
    VlmException refused(HttpResponse<String> response) {
        int status = response.statusCode();
        String said = serverSaid(response.body());
        if (status == 401 || status == 403) {
            String keyPart = key.map(k -> "the API key from " + k.source() + " was refused (HTTP " + status
                    + "): check that it is valid for this endpoint and model, or " + whereToPutKey)
                    .orElse("it needs an API key (HTTP " + status + ") and none was found: " + whereToPutKey);
            return new VlmException(where() + ": " + keyPart + "; " + said, true, null);
        }
        if (quotaUsedUp(response)) {
            return new VlmException(where() + " refused the request: the account's quota is used up (HTTP 429"
                    + " insufficient_quota); " + said, true, null);
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

    /** Whether a 429 says the account has no quota left (OpenAI's code), which waiting does not mend. */
    boolean quotaUsedUp(HttpResponse<String> response) {
        return response.statusCode() == 429 && "insufficient_quota".equals(errorField(response.body(), "code"));
    }

    /** Why a try that may be retried failed: a 429 or a 5xx, with what the server said. */
    String busy(HttpResponse<String> response) {
        int status = response.statusCode();
        return "HTTP " + status + (status == 429 ? " (too many requests)" : " (server error)") + "; "
                + serverSaid(response.body());
    }

    /** The last of the retries failed too. */
    VlmException gaveUp(int attempts, String lastProblem) {
        return new VlmException(where() + " could not answer after " + attempts + (attempts == 1 ? " try" : " tries")
                + ": " + lastProblem + "; try again later", false, null);
    }

    /** An answer with HTTP 200 that is not a completion. */
    VlmException unreadable(String body, String problem) {
        String text = key.map(k -> k.redact(body)).orElse(body);
        return new VlmException("the answer of " + where() + " " + problem + "; it starts with \""
                + quote(text, AttributionAnswer.QUOTED) + "\"", false, null);
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

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    private static String quote(String text, int max) {
        String line = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return line.length() <= max ? line : line.substring(0, max) + "...";
    }

    /** One try failed in a way a retry may mend. */
    static final class Transient extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Transient(String message) {
            super(message, null, false, false);
        }
    }
}
