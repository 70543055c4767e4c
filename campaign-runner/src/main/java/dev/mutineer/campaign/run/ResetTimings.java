package dev.mutineer.campaign.run;

import dev.mutineer.cluster.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one restore-and-wait of the reset spent its time: the restore (keys written back, the cluster Ready; with the
 * controllers, the scheduler and when needed the kubelets stopped through the write and started after it), and the wait for the cluster to come to rest, with, per {@link AtRestCondition}, when it was
 * met for good (counted from the end of the restore) and what its checks cost. Logged once per reset, so that its
 * cost can be split by phase (the benchmark reads these lines).
 *
 * @param restoreMillis     the restore, retries included
 * @param heldDown          the components held down through the restore (their stop and start are part of
 *                          {@code restoreMillis})
 * @param restartedAtRest   whether kube-controller-manager was restarted once more after the cluster came to rest
 *                          (part of {@code waitMillis})
 * @param waitMillis        from the end of the restore to the end of the wait
 * @param rounds            how many times the conditions were checked
 * @param conditions        by condition name, in check order
 * @param driftMillis       the comparison with the saved objects after the wait
 */
record ResetTimings(long restoreMillis, List<Component> heldDown, boolean restartedAtRest, long waitMillis, int rounds,
                    Map<String, ConditionTimes> conditions, long driftMillis) {

    /** The words every line of {@link #line} starts with, for those who read the log. */
    static final String PREFIX = "reset timings:";

    ResetTimings {
        heldDown = List.copyOf(heldDown);
        conditions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(conditions));
    }

    /**
     * @param metAtMillis  when the check that found it met finished, with no later check finding it unmet, counted
     *                     from the end of the restore; -1 when it was not met at the end
     * @param checks       how many times it was checked
     * @param checkMillis  the time its checks took, summed
     * @param lastUnmet    what it named the last time it was not met; empty when it always was
     */
    record ConditionTimes(long metAtMillis, int checks, long checkMillis, String lastUnmet) {

        long meanCheckMillis() {
            return checks == 0 ? 0 : checkMillis / checks;
        }
    }

    long totalMillis() {
        return restoreMillis + waitMillis + driftMillis;
    }

    ResetTimings withDrift(long millis) {
        return new ResetTimings(restoreMillis, heldDown, restartedAtRest, waitMillis, rounds, conditions, millis);
    }

    /**
     * One log line: {@code reset timings: total 2300 ms: restore 412 ms, wait 1800 ms in 6 rounds,
     * drift 40 ms; workload met at 600 ms (80 ms a check), ...}.
     */
    String line() {
        List<String> each = new ArrayList<>();
        conditions.forEach((name, t) -> each.add(name + " " + (t.metAtMillis() < 0 ? "not met" : "met at " + t.metAtMillis() + " ms")
                + " (" + t.meanCheckMillis() + " ms a check" + (t.lastUnmet().isEmpty() ? "" : ", last unmet: " + t.lastUnmet()) + ")"));
        return String.format("%s total %d ms: restore %d ms%s, wait %d ms in %d rounds%s, drift %d ms; %s",
                PREFIX, totalMillis(), restoreMillis, heldDown.isEmpty() ? "" : " (held down: " + heldDown.stream().map(Component::binary)
                        .collect(java.util.stream.Collectors.joining(", ")) + ")", waitMillis, rounds,
                restartedAtRest ? " (kube-controller-manager restarted at rest)" : "",
                driftMillis, String.join(", ", each));
    }

    /** Records the checks of one wait, round by round. */
    static final class Recorder {

        private final long restoredAt;
        private final Map<String, long[]> byName = new LinkedHashMap<>(); // metAt, checks, checkNanos
        private final Map<String, String> lastUnmet = new LinkedHashMap<>();
        private int rounds;

        /** {@code restoredAtNanos}: {@link System#nanoTime} at the end of the restore. */
        Recorder(long restoredAtNanos) {
            this.restoredAt = restoredAtNanos;
        }

        /** One check of {@code condition}: when it ended ({@link System#nanoTime}), how long it took, what it found unmet. */
        void checked(String condition, long endNanos, long tookNanos, List<String> notMet) {
            long[] t = byName.computeIfAbsent(condition, n -> new long[]{-1, 0, 0});
            boolean met = notMet.isEmpty();
            if (!met) {
                lastUnmet.put(condition, String.join("; ", notMet));
            }
            t[0] = met ? (t[0] < 0 ? (endNanos - restoredAt) / 1_000_000 : t[0]) : -1;
            t[1]++;
            t[2] += tookNanos;
        }

        void roundDone() {
            rounds++;
        }

        ResetTimings done(long restoreMillis, List<Component> heldDown, boolean restartedAtRest, long waitMillis) {
            Map<String, ConditionTimes> out = new LinkedHashMap<>();
            byName.forEach((n, t) -> out.put(n, new ConditionTimes(t[0], (int) t[1], t[2] / 1_000_000, lastUnmet.getOrDefault(n, ""))));
            return new ResetTimings(restoreMillis, heldDown, restartedAtRest, waitMillis, rounds, out, 0);
        }
    }
}
