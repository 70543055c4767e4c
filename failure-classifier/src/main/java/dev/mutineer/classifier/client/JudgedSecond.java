package dev.mutineer.classifier.client;

import dev.mutineer.classifier.baseline.ClientBaseline;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.cluster.traffic.ClientSecond;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One client second held against the golden band.
 *
 * @param second    what the generator counted
 * @param t         when the second started, in milliseconds since the observation's first sample
 * @param belowBand its availability was below the worst golden second's, by more failures than the golden failure rate
 *                  explains, in the second alone or in its window ({@link ClientBaseline#unexplained})
 * @param slow      its p99 was above the band, in a run of at least {@link ClientView#SLOW_RUN} such seconds (a lone
 *                  slow second is noise on a loaded machine)
 */
public record JudgedSecond(ClientSecond second, long t, boolean belowBand, boolean slow) {

    /** Outside the golden band: errors beyond golden, or slow. */
    public boolean outOfBand() {
        return belowBand || slow;
    }

    /** The observation's client seconds, in order, each judged against the band. */
    public static List<JudgedSecond> judge(Observation o, ClientBaseline band) {
        List<ClientSecond> seconds = o.client();
        boolean[] slowRun = new boolean[seconds.size()];
        int i = 0;
        while (i < seconds.size()) {
            if (!band.slow(seconds.get(i))) {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < seconds.size() && band.slow(seconds.get(end))
                    && seconds.get(end).epochSecond() == seconds.get(end - 1).epochSecond() + 1) {
                end++;
            }
            if (end - i >= ClientView.SLOW_RUN) {
                Arrays.fill(slowRun, i, end, true);
            }
            i = end;
        }
        boolean window = windowUnexplained(seconds, band);
        double perSecond = ClientBaseline.ALPHA / Math.max(1, seconds.size());
        List<JudgedSecond> out = new ArrayList<>();
        for (int k = 0; k < seconds.size(); k++) {
            ClientSecond s = seconds.get(k);
            boolean below = band.belowBand(s) && (window || band.unexplained(s.failed(), s.sent(), perSecond));
            out.add(new JudgedSecond(s, o.millisSinceStart(s), below, slowRun[k]));
        }
        return out;
    }

    /** The window's failures, all seconds together, are more than the golden failure rate explains. */
    public static boolean windowUnexplained(List<ClientSecond> seconds, ClientBaseline band) {
        long sent = 0;
        long failed = 0;
        for (ClientSecond s : seconds) {
            sent += s.sent();
            failed += s.failed();
        }
        return band.unexplained(failed, sent, ClientBaseline.ALPHA);
    }
}
