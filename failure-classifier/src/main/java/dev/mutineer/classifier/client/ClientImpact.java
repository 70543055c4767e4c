package dev.mutineer.classifier.client;

/**
 * What the clients of the workload suffered over one window, against the golden band ({@link
 * dev.mutineer.classifier.baseline.ClientBaseline}). Exactly one applies, the first that matches:
 */
public enum ClientImpact {
    /** Some second had availability below {@link ClientView#OUTAGE_AVAILABILITY} (at most half the requests
     *  succeeded) and below the worst golden second. */
    OUTAGE,
    /** No outage, but some second's availability was below the worst golden second, or the window's availability
     *  below the worst golden run's, or the p99 latency above the band for {@link ClientView#SLOW_RUN} consecutive
     *  seconds or more. */
    DEGRADED,
    /** Every second within the golden band (golden noise included). */
    NONE
}
