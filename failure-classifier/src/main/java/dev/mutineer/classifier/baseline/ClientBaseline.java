package dev.mutineer.classifier.baseline;

import dev.mutineer.cluster.traffic.ClientError;
import dev.mutineer.cluster.traffic.ClientSecond;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The client's normal, learned from the traffic of the golden runs: the golden band every observed second is held
 * against. Availability is held to the worst golden second, and failures beyond it count only when the golden runs'
 * failure rate cannot explain them ({@link #unexplained}): three golden windows of 600 requests without an error do
 * not make one lost request of 600 a symptom. Latency gets slack, because on a loaded machine one second's p99 varies
 * far more than its errors do.
 *
 * @param seconds               golden seconds it was learned from
 * @param sent                  golden requests sent; 0 in a baseline recorded before it was kept, which makes every
 *                              failure beyond the worst golden second count, as it did then
 * @param minSecondAvailability lowest availability of one golden second
 * @param minWindowAvailability lowest availability of a whole golden run
 * @param maxP50Micros          highest median latency of one golden second; -1 when no golden request succeeded
 * @param maxP99Micros          highest p99 latency of one golden second; -1 when no golden request succeeded
 * @param errors                failed golden requests by cause, over all golden runs; causes never seen are absent
 */
public record ClientBaseline(int seconds, long sent, double minSecondAvailability, double minWindowAvailability,
                             long maxP50Micros, long maxP99Micros, Map<ClientError, Long> errors) {

    /** A second's p99 is outside the band above this many times the golden maximum ... */
    public static final long LATENCY_FACTOR = 2;
    /** ... and at least this far above it, so that sub-millisecond golden latencies do not make noise a symptom. */
    public static final long LATENCY_SLACK_MICROS = 20_000;

    /** Failures count when the golden failure rate, at its upper 99% confidence bound, makes that many (or more)
     *  less likely than this. A second is held to this over the window's number of seconds (Bonferroni), since a
     *  window tests each of its seconds. */
    public static final double ALPHA = 0.01;

    /** The band when the golden runs had no traffic: every request should succeed; latency has no band. */
    public static final ClientBaseline NOT_LEARNED = new ClientBaseline(0, 0, 1.0, 1.0, -1, -1, Map.of());

    public ClientBaseline {
        errors = errors == null ? Map.of() : Map.copyOf(errors);
    }

    /** The band of the golden runs' seconds, one list per run; null when no run had any traffic. */
    public static ClientBaseline learn(List<List<ClientSecond>> runs) {
        int seconds = 0;
        long sentAll = 0;
        double minSecond = 1.0;
        double minWindow = 1.0;
        long maxP50 = -1;
        long maxP99 = -1;
        Map<ClientError, Long> errors = new EnumMap<>(ClientError.class);
        for (List<ClientSecond> run : runs) {
            if (run.isEmpty()) {
                continue;
            }
            long sent = 0;
            long succeeded = 0;
            for (ClientSecond s : run) {
                seconds++;
                sent += s.sent();
                succeeded += s.succeeded();
                minSecond = Math.min(minSecond, s.availability());
                maxP50 = Math.max(maxP50, s.p50Micros());
                maxP99 = Math.max(maxP99, s.p99Micros());
                s.errors().forEach((cause, n) -> errors.merge(cause, (long) n, Long::sum));
            }
            minWindow = Math.min(minWindow, availability(succeeded, sent));
            sentAll += sent;
        }
        return seconds == 0 ? null : new ClientBaseline(seconds, sentAll, minSecond, minWindow, maxP50, maxP99, errors);
    }

    /** Share of requests that succeeded; 1 when none was sent. */
    public static double availability(long succeeded, long sent) {
        return sent == 0 ? 1.0 : (double) succeeded / sent;
    }

    /** Fewer of the second's requests succeeded than in the worst golden second. */
    public boolean belowBand(ClientSecond s) {
        return s.sent() > 0 && s.availability() < minSecondAvailability;
    }

    /** Golden requests that failed, whatever the cause. */
    public long failed() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The golden per-request failure rate at its upper confidence bound (1 - ALPHA); NaN when the golden requests
     *  were not counted. */
    public double failureRateBound() {
        return sent <= 0 ? Double.NaN : Binomial.upperBound(failed(), sent, ALPHA);
    }

    /**
     * The golden runs' failure rate does not explain {@code failures} failed requests of {@code requests}: at the
     * rate's upper bound, that many or more would happen with probability below {@code alpha}. Always true for a
     * failure when the golden requests were not counted (the band of an older baseline).
     */
    public boolean unexplained(long failures, long requests, double alpha) {
        if (failures <= 0) {
            return false;
        }
        return sent <= 0 || Binomial.atLeast(failures, requests, failureRateBound()) < alpha;
    }

    /** The p99 above which a second is slow; -1 when the golden runs give no band (no golden request succeeded). */
    public long p99Limit() {
        return maxP99Micros < 0 ? -1 : Math.max(LATENCY_FACTOR * maxP99Micros, maxP99Micros + LATENCY_SLACK_MICROS);
    }

    /** The second's successful requests were slower than the band allows. */
    public boolean slow(ClientSecond s) {
        long limit = p99Limit();
        return limit >= 0 && s.p99Micros() > limit;
    }

    /** The golden runs saw requests fail for this cause. */
    public boolean seen(ClientError cause) {
        return errors.getOrDefault(cause, 0L) > 0;
    }
}
