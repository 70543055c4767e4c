package dev.mutineer.classifier;

import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.cluster.traffic.ClientError;
import dev.mutineer.cluster.traffic.ClientSecond;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Client seconds for the rule tests, aligned with {@link World}'s samples: client second k starts at +k s, so its
 * requests are answered by sample k+1. 20 requests a second, 2 ms median and 5 ms p99 when healthy.
 */
final class Clients {

    static final int RATE = 20;

    private Clients() {
    }

    static ClientSecond ok(long epochSecond) {
        return new ClientSecond(epochSecond, RATE, RATE, Map.of(), 2_000, 5_000);
    }

    static ClientSecond failing(long epochSecond, ClientError cause, int failed) {
        return new ClientSecond(epochSecond, RATE, RATE - failed, Map.of(cause, failed),
                failed == RATE ? -1 : 2_000, failed == RATE ? -1 : 5_000);
    }

    static ClientSecond slow(long epochSecond, long p99Micros) {
        return new ClientSecond(epochSecond, RATE, RATE, Map.of(), 2_000, p99Micros);
    }

    /**
     * The observation with one client second per whole second of its window (as the observer collects them: from
     * the first second that starts at or after the first sample), second k made by {@code second}.
     */
    static Observation with(Observation o, IntFunction<ClientSecond> second) {
        long startMillis = o.startedAt().toEpochMilli();
        long first = Math.floorDiv(startMillis + 999, 1000);
        int n = (int) (Math.floorDiv(startMillis + o.windowMillis(), 1000) - first);
        List<ClientSecond> seconds = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            seconds.add(second.apply(k));
        }
        List<ClientSecond> shifted = seconds.stream().map(s -> new ClientSecond(first + s.epochSecond(), s.sent(),
                s.succeeded(), s.errors(), s.p50Micros(), s.p99Micros())).toList();
        return o.withClient(shifted);
    }

    /** Healthy client seconds throughout. */
    static Observation healthy(Observation o) {
        return with(o, Clients::ok);
    }

    /** Seconds from {@code from} (inclusive) to {@code until} (exclusive) made by {@code bad}, the others healthy. */
    static Observation badBetween(Observation o, int from, int until, IntFunction<ClientSecond> bad) {
        return with(o, k -> k >= from && k < until ? bad.apply(k) : ok(k));
    }
}
