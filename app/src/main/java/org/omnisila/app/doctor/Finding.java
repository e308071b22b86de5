package org.omnisila.app.doctor;

/**
 * One line of {@code omnisila doctor}: what was checked, how it stands, what was seen and, when it is not well,
 * what to do.
 *
 * @param area   what was checked ("Java runtime", "FFmpeg natives", ...)
 * @param status how it stands
 * @param detail what was seen (versions, paths, sizes)
 * @param fix    what to do; empty when the status is {@link Status#OK}
 */
public record Finding(String area, Status status, String detail, String fix) {
    /** How a check stands. */
    public enum Status {
        /** Works. */
        OK,
        /** Works, with less than it could (no GPU, no audio device). */
        NOTE,
        /** Does not work: something the product needs is missing or broken. */
        PROBLEM
    }

    static Finding ok(String area, String detail) {
        return new Finding(area, Status.OK, detail, "");
    }

    static Finding note(String area, String detail, String fix) {
        return new Finding(area, Status.NOTE, detail, fix);
    }

    static Finding problem(String area, String detail, String fix) {
        return new Finding(area, Status.PROBLEM, detail, fix);
    }
}
