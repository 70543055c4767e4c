package dev.mutineer.injector.fault;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of mutineer: campaign fields (observationWindow, settleTime) and fault parameters
 * (window, delay, duration) read durations as people write them: 500ms, 30s, 2m, 1m30s, 1h.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");
    public static final String HINT = "write a number with a unit: 500ms, 30s, 2m, 1m30s or 1h";

    private Durations() {
    }

    /** @throws IllegalArgumentException with {@link #problem}'s message */
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
            throw new IllegalArgumentException(message(text));
        }
        return total;
    }

    /** The one error message for a text that is not a duration. */
    public static String message(String text) {
        return "'" + text + "' is not a duration; " + HINT;
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
}
