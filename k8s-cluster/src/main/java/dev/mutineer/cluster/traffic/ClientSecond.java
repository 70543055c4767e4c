package dev.mutineer.cluster.traffic;

import java.util.EnumMap;
import java.util.Map;

/**
 * One second of client traffic as the generator saw it: the requests sent in that second and how they ended.
 *
 * @param epochSecond the second (Unix time) in which the requests were sent
 * @param sent        requests sent in that second
 * @param succeeded   requests answered 200 by the expected workloads at every hop
 * @param errors      the others, by cause (causes with no request are absent)
 * @param p50Micros   median latency of the successful requests, in microseconds; -1 when none succeeded
 * @param p99Micros   99th percentile latency of the successful requests, in microseconds; -1 when none succeeded
 */
public record ClientSecond(long epochSecond, int sent, int succeeded, Map<ClientError, Integer> errors,
                           long p50Micros, long p99Micros) {

    public ClientSecond {
        EnumMap<ClientError, Integer> copy = new EnumMap<>(ClientError.class);
        errors.forEach((cause, n) -> {
            if (n > 0) {
                copy.put(cause, n);
            }
        });
        errors = Map.copyOf(copy);
    }

    /** Requests of the second that failed, whatever the cause. */
    public int failed() {
        return errors.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Share of the second's requests that succeeded; 1 for a second in which nothing was sent. */
    public double availability() {
        return sent == 0 ? 1.0 : (double) succeeded / sent;
    }
}
