package dev.mutineer.cluster.local;

import java.time.Duration;
import java.util.Optional;

/**
 * How long the supervisor waits before starting an exited component again: kubelet's CrashLoopBackOff for the
 * static pods of a kubeadm control plane. The first delay is {@code initial}, each next one doubles up to
 * {@code max}, and a process that had run for {@code resetAfter} starts the sequence over.
 *
 * @param initial    the first delay (kubelet: 10 s, its {@code backOffPeriod})
 * @param max        the longest delay (kubelet: 5 min, its {@code MaxContainerBackOff})
 * @param resetAfter an up-time after which an exit counts as the first one again (kubelet: 10 min)
 */
public record RestartBackOff(Duration initial, Duration max, Duration resetAfter) {

    /** kubelet's defaults: 10 s doubling to 5 min, reset after 10 min up. */
    public static final RestartBackOff KUBELET = new RestartBackOff(Duration.ofSeconds(10), Duration.ofMinutes(5),
            Duration.ofMinutes(10));

    public RestartBackOff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || resetAfter.isNegative()) {
            throw new IllegalArgumentException("a restart back-off needs 0 < initial <= max and resetAfter >= 0, got "
                    + initial + ", " + max + ", " + resetAfter);
        }
    }

    /** kubelet's doubling and reset from a shorter first delay (for tests that cannot wait 10 s per exit). */
    public static RestartBackOff kubeletFrom(Duration initial) {
        return new RestartBackOff(initial, KUBELET.max, KUBELET.resetAfter);
    }

    /**
     * The delay before the next start after an exit.
     *
     * @param previous the delay before the exited process was started; empty when it was never restarted
     * @param upFor    how long the exited process ran
     */
    public Duration next(Optional<Duration> previous, Duration upFor) {
        if (previous.isEmpty() || upFor.compareTo(resetAfter) >= 0) {
            return initial;
        }
        Duration doubled = previous.get().multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
