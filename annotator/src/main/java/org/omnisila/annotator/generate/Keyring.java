package org.omnisila.annotator.generate;

import java.util.Optional;

/** Secrets kept by the operating system, looked up by service and account. */
public interface Keyring {

    /**
     * @param service the service name, {@link ApiKeys#KEYRING_SERVICE}
     * @param account the account, the endpoint's host
     * @return the secret, or empty when there is none or the keyring cannot be asked
     */
    Optional<String> lookup(String service, String account);

    /**
     * How a user stores the secret, shown when no key was found; empty when this system has no keyring we use.
     */
    Optional<String> storeHint(String service, String account);

    /** No keyring: only the environment is read. */
    Keyring NONE = new Keyring() {
        @Override
        public Optional<String> lookup(String service, String account) {
            return Optional.empty();
        }

        @Override
        public Optional<String> storeHint(String service, String account) {
            return Optional.empty();
        }
    };
}
