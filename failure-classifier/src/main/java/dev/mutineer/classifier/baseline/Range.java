package dev.mutineer.classifier.baseline;

/** The smallest and largest value a signal took across all golden samples. */
public record Range(long min, long max) {

    public static Range of(long value) {
        return new Range(value, value);
    }

    public Range including(long value) {
        return new Range(Math.min(min, value), Math.max(max, value));
    }

    public boolean below(long value) {
        return value < min;
    }

    public boolean above(long value) {
        return value > max;
    }

    @Override
    public String toString() {
        return min == max ? Long.toString(min) : min + ".." + max;
    }
}
