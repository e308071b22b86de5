package org.omnisila.app.workbench.player;

/**
 * The player's clock: which time of the video is due at a moment of wall time, at a speed. It is anchored at a
 * (video time, wall time) pair; a seek or a change of speed re-anchors it, so the video time never jumps when the
 * speed changes. Wall time is {@link System#nanoTime()} nanoseconds, passed in so that tests need no sleeping.
 */
final class FrameClock {
    private double anchorSeconds;
    private long anchorNanos;
    private double speed = 1;

    /** From {@code nanos} on, the clock reads {@code seconds} and runs on at the current speed. */
    void start(double seconds, long nanos) {
        anchorSeconds = seconds;
        anchorNanos = nanos;
    }

    /** Changes the speed at {@code nanos} without moving the video time it reads then. */
    void speed(double newSpeed, long nanos) {
        if (!(newSpeed > 0) || !Double.isFinite(newSpeed)) {
            throw new IllegalArgumentException("speed must be a finite number > 0 but was " + newSpeed);
        }
        start(secondsAt(nanos), nanos);
        speed = newSpeed;
    }

    double speed() {
        return speed;
    }

    /** The video time due at a wall time, seconds. */
    double secondsAt(long nanos) {
        return anchorSeconds + (nanos - anchorNanos) / 1e9 * speed;
    }

    /** The wall time at which a video time is due, nanoseconds (in the past for a time already passed). */
    long nanosAt(double seconds) {
        return anchorNanos + Math.round((seconds - anchorSeconds) / speed * 1e9);
    }
}
