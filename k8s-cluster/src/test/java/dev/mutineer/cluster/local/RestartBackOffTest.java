package dev.mutineer.cluster.local;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** kubelet's CrashLoopBackOff as the supervisor's policy: the delays for a sequence of exits and up-times. */
class RestartBackOffTest {

    private static final RestartBackOff KUBELET = RestartBackOff.KUBELET;

    @Test
    void delaysDoubleFromTenSecondsToFiveMinutesForProcessesThatKeepExiting() {
        assertThat(delays(KUBELET, seconds(5, 1, 1, 1, 1, 1, 1, 1, 1)))
                .containsExactly(seconds(10, 20, 40, 80, 160, 300, 300, 300, 300).toArray(Duration[]::new));
    }

    @Test
    void tenMinutesUpStartsTheSequenceOver() {
        List<Duration> upTimes = List.of(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofMinutes(10),
                Duration.ofSeconds(3), Duration.ofMinutes(9).plusSeconds(59), Duration.ofHours(2));
        assertThat(delays(KUBELET, upTimes)).containsExactly(seconds(10, 20, 10, 20, 40, 10).toArray(Duration[]::new));
    }

    @Test
    void aShorterFirstDelayKeepsKubeletsDoublingAndReset() {
        RestartBackOff fast = RestartBackOff.kubeletFrom(Duration.ofMillis(500));
        assertThat(fast.max()).isEqualTo(Duration.ofMinutes(5));
        assertThat(fast.resetAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(delays(fast, seconds(1, 1, 1))).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
                Duration.ofSeconds(2));
    }

    @Test
    void refusesADelayThatIsNotPositiveOrAboveTheMaximum() {
        assertThatThrownBy(() -> new RestartBackOff(Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("0 < initial <= max");
        assertThatThrownBy(() -> new RestartBackOff(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("0 < initial <= max");
    }

    /** The delay after each exit, each exited process having run as long as the given up-time. */
    private static List<Duration> delays(RestartBackOff policy, List<Duration> upTimes) {
        List<Duration> out = new ArrayList<>();
        Optional<Duration> previous = Optional.empty();
        for (Duration up : upTimes) {
            Duration next = policy.next(previous, up);
            out.add(next);
            previous = Optional.of(next);
        }
        return out;
    }

    private static List<Duration> seconds(long... s) {
        List<Duration> out = new ArrayList<>();
        for (long v : s) {
            out.add(Duration.ofSeconds(v));
        }
        return out;
    }
}
