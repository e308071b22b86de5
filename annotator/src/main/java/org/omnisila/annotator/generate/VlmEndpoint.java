package org.omnisila.annotator.generate;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/**
 * Where machine attributions are asked for: an OpenAI-compatible chat-completions endpoint that accepts images
 * (GPT-4V, GPT-4o, or a local server such as vLLM or llama.cpp's), the model to ask, and where its API key is found.
 * The key itself is not part of the settings: it is looked up when needed ({@link ApiKeys}) and never stored in the
 * project, a log or a message.
 *
 * @param baseUrl        the API's base, e.g. {@code https://api.openai.com/v1} or {@code http://localhost:8000/v1};
 *                       {@code /chat/completions} is appended; http or https, with a host
 * @param model          the model name sent with each request, e.g. {@code gpt-4o}; not blank. It is also the
 *                       generator name recorded with each attribution
 * @param maxTokens      the longest answer, in tokens; &gt; 0
 * @param timeout        how long one request may take, answer included; &gt; 0
 * @param apiKeyVariable the environment variable holding the key, e.g. {@link #DEFAULT_KEY_VARIABLE}; not blank
 */
public record VlmEndpoint(URI baseUrl, String model, int maxTokens, Duration timeout, String apiKeyVariable) {

    /** The environment variable read for the key unless another is named. */
    public static final String DEFAULT_KEY_VARIABLE = "OMNISILA_VLM_API_KEY";
    /** Enough for the four aspects, the summary and the label in a few sentences each. */
    public static final int DEFAULT_MAX_TOKENS = 1024;
    /** A request with eight images may take a while on a busy or local server. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    /** Validates every field; a base URL given with a trailing slash loses it. */
    public VlmEndpoint {
        if (baseUrl == null) {
            throw new IllegalArgumentException("the endpoint's base URL is required, e.g. http://localhost:8000/v1");
        }
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("the endpoint URL \"" + baseUrl + "\" is not an http or https URL"
                    + " with a host; give the API's base, e.g. https://api.openai.com/v1 or http://localhost:8000/v1");
        }
        if (baseUrl.getQuery() != null || baseUrl.getFragment() != null) {
            throw new IllegalArgumentException("the endpoint URL \"" + baseUrl + "\" must not have a query (?...) or"
                    + " fragment (#...); give the API's base, e.g. https://api.openai.com/v1");
        }
        String text = baseUrl.toString();
        if (text.endsWith("/")) {
            baseUrl = URI.create(text.replaceAll("/+$", ""));
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("the model name is required, e.g. gpt-4o");
        }
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("max tokens must be > 0 but was " + maxTokens);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be longer than 0 but was " + timeout);
        }
        if (apiKeyVariable == null || apiKeyVariable.isBlank()) {
            throw new IllegalArgumentException("the name of the API key's environment variable must not be empty");
        }
    }

    /** An endpoint with the default answer length, timeout and key variable. */
    public static VlmEndpoint of(String baseUrl, String model) {
        return new VlmEndpoint(parse(baseUrl), model, DEFAULT_MAX_TOKENS, DEFAULT_TIMEOUT, DEFAULT_KEY_VARIABLE);
    }

    /**
     * A base URL as the user typed it.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static URI parse(String baseUrl) {
        try {
            return new URI(baseUrl == null ? "" : baseUrl.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the endpoint URL \"" + baseUrl + "\" is not a URL: " + e.getReason()
                    + "; give the API's base, e.g. https://api.openai.com/v1");
        }
    }

    /** The URL requests go to: the base followed by {@code /chat/completions}. */
    public URI chatCompletions() {
        return URI.create(baseUrl + "/chat/completions");
    }

    /** The host the key belongs to: the keyring entry's account ({@link ApiKeys}). */
    public String host() {
        return baseUrl.getHost();
    }
}
