package dev.mutineer.classifier.observe;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ObserverScheduleTest {

    @Test
    void samplesFollowTheIntervalWhenTheyAreQuick() {
        assertThat(Observer.nextDue(0, 120, 1000, 5000)).isEqualTo(1000);
        assertThat(Observer.nextDue(3000, 3150, 1000, 5000)).isEqualTo(4000);
    }

    @Test
    void slotsASlowSampleOverranAreSkipped() {
        // The sample due at 1000 took until 3400 (a dead API server, request timeouts).
        assertThat(Observer.nextDue(1000, 3400, 1000, 10_000)).isEqualTo(4000);
    }

    @Test
    void theWindowsEndIsAlwaysSampled() {
        assertThat(Observer.nextDue(4000, 4100, 3000, 5000)).isEqualTo(5000);
        // Already past the end: sample at once (due in the past), then stop.
        assertThat(Observer.nextDue(4000, 6200, 1000, 5000)).isEqualTo(5000);
    }
}
