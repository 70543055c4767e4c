package dev.mutineer.classifier.client;

/**
 * What the clients of the workload suffered over one window, against the golden band ({@link
 * dev.mutineer.classifier.baseline.ClientBaseline}). Exactly one applies, the first that matches:
 */
public enum ClientImpact {
    /** Some second had availability below {@link ClientView#OUTAGE_AVAILABILITY} (at most half the requests
     *  succeeded) and below the golden band. */
    OUTAGE,
    /** No outage, but some second below the golden band, or the window's availability below the worst golden run's
     *  by more failures than golden noise explains, or the p99 latency above the band for {@link ClientView#SLOW_RUN}
     *  consecutive seconds or more. */
    DEGRADED,
    /** Every second within the golden band (golden noise included). */
    NONE
}
