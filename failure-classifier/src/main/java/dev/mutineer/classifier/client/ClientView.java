package dev.mutineer.classifier.client;

import dev.mutineer.classifier.baseline.ClientBaseline;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.cluster.traffic.ClientError;
import dev.mutineer.cluster.traffic.ClientSecond;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the workload's clients saw during one window, against the golden band. Times are milliseconds since the
 * observation's first sample (the samples' time base), each the start of a client second.
 *
 * @param seconds                 client seconds in the window
 * @param sent                    requests sent
 * @param succeeded               requests that succeeded
 * @param availability            succeeded / sent over the window (1 when nothing was sent)
 * @param worstSecondMillis       when the second with the lowest availability started (the earliest of equals)
 * @param worstSecondAvailability that second's availability
 * @param firstErrorMillis        the first second whose availability was below the golden band; null if none
 * @param recoveredMillis         the start of the second after the last one outside the band (errors or latency), when
 *                                every later second stayed inside it; null if never outside or not back by the end
 * @param outOfBandAtEnd          the window's last second was outside the band
 * @param belowBandSeconds        seconds whose availability was below the band
 * @param outageSeconds           of those, seconds with availability below {@link #OUTAGE_AVAILABILITY}
 * @param slowSeconds             seconds whose p99 was above the band (in runs of {@link #SLOW_RUN} or more)
 * @param maxP50Micros            the highest median latency of a second; -1 when no request succeeded
 * @param maxP99Micros            the highest p99 latency of a second; -1 when no request succeeded
 * @param goldenP99Micros         the highest p99 of a golden second; -1 when the golden runs give none
 * @param p99LimitMicros          the band's p99 limit ({@link ClientBaseline#p99Limit()}); -1 when there is none
 * @param errors                  failed requests by cause over the window; causes with none are absent
 * @param impact                  the category, see {@link ClientImpact}
 * @param availabilityBySecond    per second from the first to the last, the availability rounded to 0.001; -1 for a
 *                                second the generator did not report (for the report's chart)
 */
public record ClientView(int seconds, long sent, long succeeded, double availability, long worstSecondMillis,
                         double worstSecondAvailability, Long firstErrorMillis, Long recoveredMillis,
                         boolean outOfBandAtEnd, int belowBandSeconds, int outageSeconds, int slowSeconds,
                         long maxP50Micros, long maxP99Micros, long goldenP99Micros, long p99LimitMicros,
                         Map<ClientError, Long> errors, ClientImpact impact, List<Double> availabilityBySecond) {

    /** A second in which fewer than half the requests succeeded is an outage of that second. */
    public static final double OUTAGE_AVAILABILITY = 0.5;
    /** Consecutive seconds above the latency band before latency counts. */
    public static final int SLOW_RUN = 2;

    public ClientView {
        errors = errors == null ? Map.of() : Map.copyOf(errors);
        availabilityBySecond = availabilityBySecond == null ? List.of() : List.copyOf(availabilityBySecond);
    }

    /** From the first error to recovery; null unless both are known. */
    public Long timeToRecoverMillis() {
        return firstErrorMillis == null || recoveredMillis == null ? null : recoveredMillis - firstErrorMillis;
    }

    /** The client's view of an observation; null when no traffic ran during it. */
    public static ClientView of(Observation o, ClientBaseline band) {
        List<JudgedSecond> judged = JudgedSecond.judge(o, band);
        if (judged.isEmpty()) {
            return null;
        }
        long sent = 0;
        long succeeded = 0;
        JudgedSecond worst = judged.get(0);
        Long firstError = null;
        int lastOutOfBand = -1;
        int below = 0;
        int outage = 0;
        int slow = 0;
        long maxP50 = -1;
        long maxP99 = -1;
        Map<ClientError, Long> errors = new EnumMap<>(ClientError.class);
        for (int i = 0; i < judged.size(); i++) {
            JudgedSecond j = judged.get(i);
            ClientSecond s = j.second();
            sent += s.sent();
            succeeded += s.succeeded();
            if (s.availability() < worst.second().availability()) {
                worst = j;
            }
            if (j.belowBand()) {
                below++;
                if (firstError == null) {
                    firstError = j.t();
                }
                if (s.availability() < OUTAGE_AVAILABILITY) {
                    outage++;
                }
            }
            if (j.slow()) {
                slow++;
            }
            if (j.outOfBand()) {
                lastOutOfBand = i;
            }
            maxP50 = Math.max(maxP50, s.p50Micros());
            maxP99 = Math.max(maxP99, s.p99Micros());
            s.errors().forEach((cause, n) -> errors.merge(cause, (long) n, Long::sum));
        }
        int last = judged.size() - 1;
        Long recovered = lastOutOfBand < 0 || lastOutOfBand == last ? null : judged.get(lastOutOfBand + 1).t();
        double availability = ClientBaseline.availability(succeeded, sent);
        ClientImpact impact = outage > 0 ? ClientImpact.OUTAGE
                : lastOutOfBand >= 0 || availability < band.minWindowAvailability()
                        && JudgedSecond.windowUnexplained(o.client(), band) ? ClientImpact.DEGRADED
                : ClientImpact.NONE;
        return new ClientView(judged.size(), sent, succeeded, availability, worst.t(), worst.second().availability(),
                firstError, recovered, lastOutOfBand == last, below, outage, slow, maxP50, maxP99,
                band.maxP99Micros(), band.p99Limit(), errors, impact, bySecond(o.client()));
    }

    private static List<Double> bySecond(List<ClientSecond> seconds) {
        List<Double> out = new ArrayList<>();
        long first = seconds.get(0).epochSecond();
        for (ClientSecond s : seconds) {
            while (first + out.size() < s.epochSecond()) {
                out.add(-1.0);
            }
            if (first + out.size() == s.epochSecond()) {
                out.add(Math.round(s.availability() * 1000) / 1000.0);
            }
        }
        return out;
    }
}
