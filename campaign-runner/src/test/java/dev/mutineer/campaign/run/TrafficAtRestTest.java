package dev.mutineer.campaign.run;

import dev.mutineer.cluster.traffic.ClientError;
import dev.mutineer.cluster.traffic.ClientSecond;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TrafficAtRestTest {

    /** The restore ended 300 ms into second 2: second 3 is the first that began after it. */
    private static final Instant RESTORED = Instant.ofEpochMilli(2_300);

    private static ClientSecond second(long t, int sent, int ok) {
        return new ClientSecond(t, sent, ok, sent == ok ? Map.of() : Map.of(ClientError.REFUSED, sent - ok), 1500, 4000);
    }

    @Test
    void oneGoodSecondThatBeganAfterTheRestoreIsProof() {
        assertThat(TrafficAtRest.notMet(List.of(second(1, 20, 0), second(2, 20, 0), second(3, 20, 20)), RESTORED, 1.0)).isEmpty();
    }

    /** The seconds sent before the restore say nothing of what it changed, however good they were. */
    @Test
    void goodSecondsFromBeforeTheRestoreAreNoProof() {
        assertThat(TrafficAtRest.notMet(List.of(second(1, 20, 20), second(2, 20, 20)), RESTORED, 1.0))
                .singleElement().asString().contains("no second that began after the restore");
    }

    @Test
    void aSecondThatBeganExactlyAtTheRestoreCounts() {
        assertThat(TrafficAtRest.notMet(List.of(second(3, 20, 20)), Instant.ofEpochMilli(3_000), 1.0)).isEmpty();
        assertThat(TrafficAtRest.notMet(List.of(second(3, 20, 20)), Instant.ofEpochMilli(3_001), 1.0)).isNotEmpty();
    }

    /** Only the latest second counts: traffic that recovered and failed again is not back. */
    @Test
    void theLatestSecondDecidesAndIsNamedWithItsErrors() {
        List<String> notMet = TrafficAtRest.notMet(List.of(second(3, 20, 20), second(4, 20, 17)), RESTORED, 1.0);
        assertThat(notMet).singleElement().asString().contains("second 4", "17 of 20", "REFUSED=3");
        assertThat(TrafficAtRest.notMet(List.of(second(3, 20, 17), second(4, 20, 20)), RESTORED, 1.0)).isEmpty();
    }

    @Test
    void theGoldenRunsWorstSecondIsTheBar() {
        assertThat(TrafficAtRest.notMet(List.of(second(3, 20, 19)), RESTORED, 0.95)).isEmpty();
        assertThat(TrafficAtRest.notMet(List.of(second(3, 20, 18)), RESTORED, 0.95)).isNotEmpty();
    }

    @Test
    void aSecondInWhichNothingWasSentIsNoProof() {
        assertThat(TrafficAtRest.notMet(List.of(second(3, 20, 20), second(4, 0, 0)), RESTORED, 1.0)).isNotEmpty();
    }
}
