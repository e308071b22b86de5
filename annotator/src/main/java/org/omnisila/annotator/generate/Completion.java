package org.omnisila.annotator.generate;

/**
 * The model's answer to one chat-completions request.
 *
 * @param content what it wrote, {@code choices[0].message.content}
 * @param model   the model that answered as the server names it (OpenAI gives a dated version, e.g.
 *                {@code gpt-4o-2024-08-06}); {@code "unknown"} when the answer does not say
 */
public record Completion(String content, String model) {
}
