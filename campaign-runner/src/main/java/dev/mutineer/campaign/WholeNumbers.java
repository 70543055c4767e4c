package dev.mutineer.campaign;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.math.BigInteger;
import java.util.function.LongFunction;
import java.util.regex.Pattern;

/**
 * Whole-number fields (seed, nodes, goldenRuns, ...) that refuse what Jackson would bend: 1.5 is not 1, and a
 * number beyond the field's range is a problem recorded with its line like any other, where Jackson would stop
 * the whole binding at it (hiding every later problem) with a message about Java's int.
 */
final class WholeNumbers {

    private static final Pattern DIGITS = Pattern.compile("-?\\d+");

    private WholeNumbers() {
    }

    static SimpleModule module() {
        SimpleModule m = new SimpleModule("whole-numbers");
        Bounded<Integer> ints = new Bounded<>(Integer.class, Integer.MIN_VALUE, Integer.MAX_VALUE, v -> (int) v);
        Bounded<Long> longs = new Bounded<>(Long.class, Long.MIN_VALUE, Long.MAX_VALUE, v -> v);
        m.addDeserializer(Integer.class, ints);
        m.addDeserializer(Integer.TYPE, ints);
        m.addDeserializer(Long.class, longs);
        m.addDeserializer(Long.TYPE, longs);
        return m;
    }

    private static final class Bounded<T extends Number> extends StdScalarDeserializer<T> {
        private final Class<T> type;
        private final long min;
        private final long max;
        private final LongFunction<T> box;

        Bounded(Class<T> type, long min, long max, LongFunction<T> box) {
            super(type);
            this.type = type;
            this.min = min;
            this.max = max;
            this.box = box;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            String text = p.getText();
            if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                return (T) ctxt.handleWeirdStringValue(type, text, "'" + text + "' is not a whole number");
            }
            if (t == JsonToken.VALUE_NUMBER_INT || (t == JsonToken.VALUE_STRING && DIGITS.matcher(text).matches())) {
                BigInteger value = new BigInteger(text.strip());
                if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
                    return (T) ctxt.handleWeirdStringValue(type, abbreviated(text), "'" + abbreviated(text)
                            + "' is out of range (" + min + " to " + max + ")");
                }
                return box.apply(value.longValue());
            }
            if (t == JsonToken.VALUE_STRING) {
                return (T) ctxt.handleWeirdStringValue(type, text, "'" + abbreviated(text) + "' is not a whole number");
            }
            return (T) ctxt.handleUnexpectedToken(type, p);
        }

        private static String abbreviated(String s) {
            return s.length() <= 40 ? s : s.substring(0, 20) + "..." + s.substring(s.length() - 10) + " (" + s.length() + " digits)";
        }
    }
}
