package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.baseline.ClientBaseline;
import dev.mutineer.classifier.client.JudgedSecond;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.observation.Sample;
import dev.mutineer.cluster.traffic.ClientError;
import dev.mutineer.cluster.traffic.ClientSecond;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the workload's clients saw, against the golden band: a second whose availability is below the worst golden
 * second gives one CLIENT_ERRORS finding per cause of its failed requests; an answer from the wrong workload, which
 * no golden run gave, is CLIENT_WRONG_WORKLOAD whatever the availability (a Service whose endpoints match its
 * selector can still route to another workload's pods); p99 latency above the band is CLIENT_LATENCY,
 * informational. Errors and wrong answers indicate SERVICE_NETWORKING: the Service fails its clients. They rank
 * after over- and under-provisioning in the classifier's precedence, so pods that went remain the cause.
 *
 * <p>A finding is tied to the first sample taken after its second ended, the cluster's state once the second's
 * requests were answered, so the last whole second of the window belongs to the last sample.
 */
public final class ClientRule implements SymptomRule {

    public static final String SUBJECT = "client";

    @Override
    public List<Finding> check(RuleInput in) {
        Observation o = in.observation();
        ClientBaseline band = in.baseline().clientBand();
        List<Finding> out = new ArrayList<>();
        for (JudgedSecond j : JudgedSecond.judge(o, band)) {
            ClientSecond s = j.second();
            int sample = sampleAfter(o.samples(), j.t() + 1000);
            for (Map.Entry<ClientError, Integer> e : new TreeMap<>(s.errors()).entrySet()) {
                ClientError cause = e.getKey();
                String value = e.getValue() + " of " + s.sent();
                if (cause == ClientError.WRONG_WORKLOAD && (!band.seen(cause) || j.belowBand())) {
                    out.add(new Finding(sample, j.t(), SymptomKind.CLIENT_WRONG_WORKLOAD, Outcome.SERVICE_NETWORKING,
                            SUBJECT, cause.name(), value, band.seen(cause) ? availabilityBand(band) : "none"));
                } else if (j.belowBand()) {
                    out.add(new Finding(sample, j.t(), SymptomKind.CLIENT_ERRORS, Outcome.SERVICE_NETWORKING,
                            SUBJECT, cause.name(), value, availabilityBand(band)));
                }
            }
            if (j.slow()) {
                out.add(new Finding(sample, j.t(), SymptomKind.CLIENT_LATENCY, null, SUBJECT, "p99",
                        millis(s.p99Micros()), "<= " + millis(band.p99Limit()) + " (golden max " + millis(band.maxP99Micros()) + ")"));
            }
        }
        return out;
    }

    /** "availability >= 100.0%, failure rate <= 0.26%": what every golden second had, and the golden failure rate
     *  at its upper bound, which the failures were beyond. */
    static String availabilityBand(ClientBaseline band) {
        double bound = band.failureRateBound();
        String rate = Double.isNaN(bound) ? "" : String.format(Locale.ROOT, ", failure rate <= %.2f%%", bound * 100);
        return String.format(Locale.ROOT, "availability >= %.1f%%", band.minSecondAvailability() * 100) + rate;
    }

    /** The index of the first sample at or after {@code t}; the last sample when none is. */
    static int sampleAfter(List<Sample> samples, long t) {
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).t() >= t) {
                return i;
            }
        }
        return samples.size() - 1;
    }

    static String millis(long micros) {
        return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }
}
