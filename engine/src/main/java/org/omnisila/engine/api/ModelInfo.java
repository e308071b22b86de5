package org.omnisila.engine.api;

/**
 * The model that produced an analysis, enough to reproduce it.
 *
 * @param name             model name, e.g. {@code "ICM"}; not blank
 * @param config           name of the model configuration, e.g. {@code "small"} or {@code "full"};
 *                         not blank
 * @param checkpointSha256 SHA-256 of the checkpoint the weights were loaded from, 64 lowercase
 *                         hexadecimal digits; null when the weights were not loaded from a file
 *                         (a freshly initialised model, as in tests)
 * @param device           where it ran, e.g. {@code "cpu"} or {@code "cuda:0"}; not blank
 */
public record ModelInfo(String name, String config, String checkpointSha256, String device) {

    /** Validates every field. */
    public ModelInfo {
        Checks.nonBlank("name", name);
        Checks.nonBlank("config", config);
        Checks.sha256OrNull("checkpointSha256", checkpointSha256);
        Checks.nonBlank("device", device);
    }
}
