package org.omnisila.annotator.project;

import java.time.Instant;

/**
 * One opening of the project: who works in it, where, since when. Every edit and import is recorded under it.
 *
 * @param id        its id in the project
 * @param annotator the annotator's name, as given when opening
 * @param host      the machine
 * @param pid       the process
 * @param openedAt  when the project was opened
 */
public record Session(long id, String annotator, String host, long pid, Instant openedAt) {
}
