package dev.mutineer.injector.spec;

import java.time.Duration;

/** When to inject, counted from the moment the injection is started: at once, or after a delay. */
public record Trigger(Duration delay) {

    public static final Trigger IMMEDIATE = new Trigger(Duration.ZERO);

    public Trigger {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("trigger delay must be zero or positive, got " + delay);
        }
    }

    public static Trigger after(Duration delay) {
        return new Trigger(delay);
    }

    public boolean immediate() {
        return delay.isZero();
    }
}
