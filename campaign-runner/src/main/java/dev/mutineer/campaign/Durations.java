package dev.mutineer.campaign;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;

import java.io.IOException;
import java.time.Duration;

/**
 * Durations in campaign files: the injector's one grammar ({@link dev.mutineer.injector.fault.Durations}: 500ms, 30s,
 * 2m, 1m30s, 1h), which fault parameters (window, delay, duration) use too, bound from YAML here.
 */
public final class Durations {

    public static final String HINT = dev.mutineer.injector.fault.Durations.HINT;

    /** The longest observation window or settle time: a day per run is beyond any campaign's plan, and keeps sums in range. */
    public static final Duration MAX = Duration.ofHours(24);

    static final String TOO_LONG = "too long";

    private Durations() {
    }

    /** @throws IllegalArgumentException naming the text and the accepted forms */
    public static Duration parse(String text) {
        return dev.mutineer.injector.fault.Durations.parse(text);
    }

    /** The shortest of the forms {@link #parse} accepts, e.g. "1m30s". */
    public static String format(Duration d) {
        return dev.mutineer.injector.fault.Durations.format(d);
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
            } catch (ArithmeticException e) {
                // More hours than a Duration holds: the same "too long" the validator gives for a week.
                return (Duration) ctxt.handleWeirdStringValue(Duration.class, text, TOO_LONG);
            } catch (IllegalArgumentException e) {
                // Goes to the loader's problem handler, which records it with its line and goes on.
                return (Duration) ctxt.handleWeirdStringValue(Duration.class, text, HINT);
            }
        }
    }
}
