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
 */
final class TrafficAtRest {

    /** Completed seconds to look at: the generator hands a second over once its last request ended (timeout 1 s). */
    static final Duration RECENT = Duration.ofSeconds(4);
    /** Consecutive good seconds that make the traffic back. */
    static final int GOOD_SECONDS = 2;

    private TrafficAtRest() {
    }

    /** The condition over running traffic; {@code threshold} is the golden runs' worst second (1 before they ran). */
    static AtRestCondition of(Traffic traffic, DoubleSupplier threshold) {
        return AtRestCondition.of("traffic", () -> {
            Instant now = Instant.now();
            return notMet(traffic.seconds(now.minus(RECENT), now), threshold.getAsDouble());
        });
    }

    /** What is wrong with the most recent seconds, in words; empty when the last {@link #GOOD_SECONDS} are at the threshold. */
    static List<String> notMet(List<ClientSecond> recent, double threshold) {
        if (recent.size() < GOOD_SECONDS) {
            return List.of("client traffic: " + recent.size() + " completed seconds in the last " + RECENT.toSeconds()
                    + " s, waiting for " + GOOD_SECONDS);
        }
        for (ClientSecond s : recent.subList(recent.size() - GOOD_SECONDS, recent.size())) {
            if (s.sent() == 0 || s.availability() < threshold) {
                return List.of(String.format("client traffic: second %d had %d of %d requests succeed %s (golden: at least %.0f%%)",
                        s.epochSecond(), s.succeeded(), s.sent(), s.errors(), threshold * 100));
            }
        }
        return List.of();
    }
}
