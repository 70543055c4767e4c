package dev.mutineer.campaign.run;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResetTimingsTest {

    private static final long MS = 1_000_000;

    @Test
    void aConditionIsMetWhenItHeldFromSomeCheckOnToTheEnd() {
        ResetTimings.Recorder r = new ResetTimings.Recorder(1000 * MS);
        r.checked("workload", 1100 * MS, 40 * MS, List.of("deployment shop/web: 1 of 2 available"));
        r.checked("traffic", 1100 * MS, 0, List.of());
        r.roundDone();
        r.checked("workload", 1400 * MS, 20 * MS, List.of());
        r.checked("traffic", 1400 * MS, 0, List.of("client traffic: second 3 had 0 of 20")); // met, then not: the first does not count
        r.roundDone();
        r.checked("workload", 1700 * MS, 30 * MS, List.of());
        r.checked("traffic", 1700 * MS, 0, List.of());
        r.roundDone();

        ResetTimings t = r.done(300, List.of(), false, 700);

        assertThat(t.rounds()).isEqualTo(3);
        assertThat(t.conditions().get("workload"))
                .isEqualTo(new ResetTimings.ConditionTimes(400, 3, 90, "deployment shop/web: 1 of 2 available"));
        assertThat(t.conditions().get("traffic").metAtMillis()).isEqualTo(700);
        assertThat(t.conditions().get("traffic").lastUnmet()).contains("second 3");
        assertThat(t.conditions().keySet()).containsExactly("workload", "traffic");
    }

    @Test
    void theLineNamesEveryPhaseAndCondition() {
        ResetTimings.Recorder r = new ResetTimings.Recorder(0);
        r.checked("real pods", 900 * MS, 60 * MS, List.of());
        r.checked("traffic", 900 * MS, 0, List.of("client traffic: no second that began after the restore has completed yet"));
        r.roundDone();

        String line = r.done(412, SteadyStateReset.CONTROLLERS, false, 900).withDrift(40).line();

        assertThat(line).startsWith(ResetTimings.PREFIX).contains("total 1352 ms", "restore 412 ms (held down: kube-controller-manager, kube-scheduler)",
                "wait 900 ms in 1 rounds", "drift 40 ms", "real pods met at 900 ms (60 ms a check)",
                "traffic not met (0 ms a check, last unmet: client traffic: no second");
    }
}
