package dev.mutineer.classifier.observe;

import dev.mutineer.cluster.traffic.ClientSecond;
import dev.mutineer.cluster.traffic.Traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The client traffic's seconds of one observation window. Only whole seconds count: the second in which the window
 * ends is cut by it, and a second's numbers are only complete once its slowest request has been answered or has
 * timed out, so the last whole second may arrive up to the request timeout after the window. Waiting for it costs
 * at most that much, and without it errors that last to the end of the window would be missed.
 */
final class ClientWindow {

    /** Beyond the request timeout, for the generator to fold its last second. */
    static final Duration GRACE = Duration.ofMillis(500);
    private static final long POLL_MILLIS = 100;

    private ClientWindow() {
    }

    /**
     * The completed seconds that start at or after {@code from} and end by {@code to}, oldest first; whatever the
     * generator has when its last whole second does not come in time, and none when the generator fails.
     */
    static List<ClientSecond> collect(Traffic traffic, Instant from, Instant to) {
        Instant until = wholeSecondsEnd(to);
        long wanted = until.getEpochSecond() - 1;
        Instant deadline = until.plus(traffic.target().timeout()).plus(GRACE);
        while (true) {
            List<ClientSecond> got;
            try {
                got = traffic.seconds(from, until);
            } catch (RuntimeException e) {
                // The observer never throws because the cluster misbehaves; no seconds means no client view.
                return List.of();
            }
            if (complete(got, wanted) || !Instant.now().isBefore(deadline)) {
                return got;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return got;
            }
        }
    }

    /** The start of the second in which {@code to} lies: the end of the window's last whole second. */
    static Instant wholeSecondsEnd(Instant to) {
        return Instant.ofEpochSecond(to.getEpochSecond());
    }

    static boolean complete(List<ClientSecond> seconds, long wantedLast) {
        return !seconds.isEmpty() && seconds.get(seconds.size() - 1).epochSecond() >= wantedLast;
    }
}
