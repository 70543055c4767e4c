package dev.mutineer.injector.fault;

import java.util.List;

/** What values a fault parameter takes; {@link #problem} says what is wrong with one, or null. */
public sealed interface ParameterType {

    /** Null when the value is acceptable, else one line naming what is wrong. */
    String problem(String value);

    /** How the docs and error messages describe the accepted values. */
    String describe();

    ParameterType TEXT = new Text();
    ParameterType DURATION = new DurationValue();
    ParameterType PROBABILITY = new Probability();

    static ParameterType atLeast(int min) {
        return new WholeNumber(min, Integer.MAX_VALUE);
    }

    static ParameterType between(int min, int max) {
        return new WholeNumber(min, max);
    }

    static ParameterType oneOf(String... values) {
        return new OneOf(List.of(values));
    }

    /** Any text, even empty (value's to=""); the fault decides when injecting (a field path against the object). */
    record Text() implements ParameterType {
        public String problem(String value) {
            return null;
        }

        public String describe() {
            return "text";
        }
    }

    record DurationValue() implements ParameterType {
        public String problem(String value) {
            try {
                Durations.parse(value);
                return null;
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }

        public String describe() {
            return "a duration (500ms, 30s, 1m30s)";
        }
    }

    record Probability() implements ParameterType {
        public String problem(String value) {
            try {
                double p = Double.parseDouble(value.trim());
                return p >= 0 && p <= 1 ? null : "'" + value + "' is not a probability between 0 and 1";
            } catch (NumberFormatException e) {
                return "'" + value + "' is not a number (a probability between 0 and 1)";
            }
        }

        public String describe() {
            return "a probability 0..1";
        }
    }

    record WholeNumber(int min, int max) implements ParameterType {
        public String problem(String value) {
            try {
                int n = Integer.parseInt(value.trim());
                return n >= min && n <= max ? null : "'" + value + "' is not " + describe();
            } catch (NumberFormatException e) {
                return "'" + value + "' is not a whole number";
            }
        }

        public String describe() {
            return max == Integer.MAX_VALUE ? "a whole number >= " + min : "a whole number " + min + ".." + max;
        }
    }

    record OneOf(List<String> values) implements ParameterType {
        public OneOf {
            values = List.copyOf(values);
        }

        public String problem(String value) {
            return values.contains(value.trim()) ? null : "'" + value + "' is not one of " + String.join(", ", values);
        }

        public String describe() {
            return "one of " + String.join(", ", values);
        }
    }
}
