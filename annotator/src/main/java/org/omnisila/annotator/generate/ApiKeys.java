package org.omnisila.annotator.generate;

import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the API key of an endpoint: the environment variable the endpoint names ({@link VlmEndpoint#apiKeyVariable()},
 * by default {@code OMNISILA_VLM_API_KEY}), else the OS keyring's entry for service {@value #KEYRING_SERVICE} and
 * the endpoint's host as account. A local server often needs no key: then none is found and none is sent.
 */
public final class ApiKeys {

    /** The keyring service under which keys are stored, one entry per host. */
    public static final String KEYRING_SERVICE = "omnisila-vlm";

    private final Function<String, String> environment;
    private final Keyring keyring;

    /**
     * @param environment reads an environment variable (null when unset); {@code System::getenv} in the product
     * @param keyring     the OS keyring, or {@link Keyring#NONE}
     */
    public ApiKeys(Function<String, String> environment, Keyring keyring) {
        this.environment = environment;
        this.keyring = keyring;
    }

    /** The key for an endpoint, or empty when neither the variable nor the keyring has one. */
    public Optional<ApiKey> find(VlmEndpoint endpoint) {
        String fromEnvironment = environment.apply(endpoint.apiKeyVariable());
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(new ApiKey(fromEnvironment, "environment variable " + endpoint.apiKeyVariable()));
        }
        return keyring.lookup(KEYRING_SERVICE, endpoint.host())
                .map(secret -> new ApiKey(secret, keyringEntry(endpoint)));
    }

    /** Where a user can put the key, for a message when none was found or it was refused. */
    public String whereToPutIt(VlmEndpoint endpoint) {
        return "set the environment variable " + endpoint.apiKeyVariable()
                + keyring.storeHint(KEYRING_SERVICE, endpoint.host()).map(hint -> " or store it in the keyring with: "
                        + hint).orElse("");
    }

    private static String keyringEntry(VlmEndpoint endpoint) {
        return "keyring entry service " + KEYRING_SERVICE + " account " + endpoint.host();
    }
}
