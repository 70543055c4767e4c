package dev.mutineer.campaign;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in campaign files: 500ms, 30s, 2m, 1m30s, 1h. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");
    public static final String HINT = "write a number with a unit: 500ms, 30s, 2m, 1m30s or 1h";

    private Durations() {
    }

    /** @throws IllegalArgumentException naming the text and the accepted forms */
    public static Duration parse(String text) {
        String t = text.trim();
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            end = m.end();
        }
        if (end == 0 || end != t.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; " + HINT);
        }
        return total;
    }

    /** The shortest of the forms {@link #parse} accepts, e.g. "1m30s". */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long h = d.toHours();
        int m = d.toMinutesPart();
        int s = d.toSecondsPart();
        int ms = d.toMillisPart();
        if (h > 0) sb.append(h).append('h');
        if (m > 0) sb.append(m).append('m');
        if (s > 0) sb.append(s).append('s');
        if (ms > 0) sb.append(ms).append("ms");
        return sb.toString();
    }

    /** Binds a YAML scalar; a bad one becomes a Jackson error that carries its line and path. */
    public static final class Deserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getText();
            if (!p.currentToken().isScalarValue()) {
                return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
            }
            // A bare number is ambiguous (seconds? milliseconds?), so parse() refuses it rather than guess.
            try {
                return parse(text);
            } catch (IllegalArgumentException e) {
                // Goes to the loader's problem handler, which records it with its line and goes on.
                return (Duration) ctxt.handleWeirdStringValue(Duration.class, text, HINT);
            }
        }
    }
}
