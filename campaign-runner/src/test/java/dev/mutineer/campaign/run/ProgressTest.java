package dev.mutineer.campaign.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The time left that progress lines print, from this run's own rate. */
class ProgressTest {

    @Test
    void theEtaIsThisRunsRateTimesWhatIsLeft() {
        assertThat(Progress.eta(4, Duration.ofMinutes(2), 8)).contains(Duration.ofMinutes(4));
        assertThat(Progress.eta(3, Duration.ofSeconds(10), 0)).contains(Duration.ZERO);
        assertThat(Progress.eta(0, Duration.ofMinutes(5), 10)).as("no record of this run yet: no rate").isEmpty();
    }

    @Test
    void theEtaReadsInHoursMinutesOrSeconds() {
        assertThat(Progress.etaText(Optional.of(Duration.ofSeconds(3900)))).isEqualTo("ETA 1h05m");
        assertThat(Progress.etaText(Optional.of(Duration.ofSeconds(200)))).isEqualTo("ETA 3m20s");
        assertThat(Progress.etaText(Optional.of(Duration.ofSeconds(40)))).isEqualTo("ETA 40s");
        assertThat(Progress.etaText(Optional.empty())).isEmpty();
    }
}
