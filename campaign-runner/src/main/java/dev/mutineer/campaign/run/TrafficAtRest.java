package dev.mutineer.campaign.run;

import dev.mutineer.cluster.traffic.ClientSecond;
import dev.mutineer.cluster.traffic.Traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The reset's wait for the clients: the workload is back when its client traffic succeeds again at the golden rate.
 * Pods can be ready and endpoints complete while kube-proxy has not yet synced its rules, or a frontend still holds
 * a dead upstream; a run that started then would be judged on the previous injection's client errors.
 *
 * <p>The proof is the latest completed second, and it must have begun after the restore: a second sent before it
 * says nothing of what the restore changed (kubelet stopping a replacement pod, kube-proxy rewriting its rules), and
 * one good second that began after it does. Each second is sent at the campaign's rate (20 requests by default),
 * so the proof costs between one and two seconds after the restore; the other conditions are checked meanwhile.
 */
final class TrafficAtRest {

    /** How far back to read: the generator hands a second over once its last request ended (timeout 1 s). */
    static final Duration RECENT = Duration.ofSeconds(4);

    private TrafficAtRest() {
    }

    /** The condition over running traffic; {@code threshold} is the golden runs' worst second (1 before they ran). */
    static AtRestCondition of(Traffic traffic, DoubleSupplier threshold) {
        return AtRestCondition.of("traffic", restoredAt -> {
            Instant now = Instant.now();
            Instant from = now.minus(RECENT);
            return notMet(traffic.seconds(from.isAfter(restoredAt) ? from : restoredAt, now), restoredAt,
                    threshold.getAsDouble());
        });
    }

    /**
     * What is wrong with the traffic, in words; empty when the latest completed second of {@code recent} (oldest
     * first) began at or after {@code restoredAt}, sent requests and had at least {@code threshold} of them succeed.
     */
    static List<String> notMet(List<ClientSecond> recent, Instant restoredAt, double threshold) {
        List<ClientSecond> since = recent.stream().filter(s -> s.epochSecond() * 1000 >= restoredAt.toEpochMilli()).toList();
        if (since.isEmpty()) {
            return List.of("client traffic: no second that began after the restore has completed yet");
        }
        ClientSecond s = since.get(since.size() - 1);
        if (s.sent() == 0 || s.availability() < threshold) {
            return List.of(String.format("client traffic: second %d had %d of %d requests succeed %s (golden: at least %.0f%%)",
                    s.epochSecond(), s.succeeded(), s.sent(), s.errors(), threshold * 100));
        }
        return List.of();
    }
}
