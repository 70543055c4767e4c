package dev.mutineer.classifier.observation;

/**
 * A time on an observation's time base in words: "+750ms" after the first sample, "-40ms" before it (the history
 * starts when the fault is written, a moment before the first sample).
 */
public final class Offset {

    private Offset() {
    }

    public static String millis(long t) {
        return (t < 0 ? "-" : "+") + Math.abs(t) + "ms";
    }
}
