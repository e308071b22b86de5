package org.omnisila.annotator.project;

/**
 * A video the project's items refer to.
 *
 * @param id       its id in the project
 * @param path     where the video was last known to be; for ground truth in the ActivityNet layout, the video id
 *                 of that file until relinked
 * @param sha256   SHA-256 of the file's bytes (64 lower-case hex digits); null while not known
 * @param duration length in seconds; null while not known
 */
public record Video(long id, String path, String sha256, Double duration) {
}
