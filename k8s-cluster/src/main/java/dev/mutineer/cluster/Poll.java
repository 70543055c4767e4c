package dev.mutineer.cluster;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a cluster condition with a growing pause between checks, both backends alike. */
public final class Poll {

    private static final long FIRST_PAUSE_MILLIS = 50;
    private static final long LONGEST_PAUSE_MILLIS = 500;

    private Poll() {
    }

    /** Checks until the condition holds; throws IllegalStateException naming {@code what} once past the deadline. */
    public static void until(String what, long deadlineNanos, BooleanSupplier condition) {
        long pause = FIRST_PAUSE_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadlineNanos) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
            pause = Math.min(LONGEST_PAUSE_MILLIS, pause * 2);
        }
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, deadline(timeout), condition);
    }

    public static long deadline(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }

    /** What is left until a deadline from {@link #deadline}, never negative. */
    public static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }
}
