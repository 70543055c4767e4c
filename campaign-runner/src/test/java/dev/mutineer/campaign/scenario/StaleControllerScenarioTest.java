package dev.mutineer.campaign.scenario;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.results.JournalRecord;
import dev.mutineer.results.Journal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kubernetes#129795 for real: ReplicaSet and DaemonSet, each with its KEP-5647 gate off and on, four
 * local clusters side by side for about 7 minutes (the pod watch held past the 5-minute expectations
 * TTL). Slow: run with -Pslow; scripts/test.sh runs it after the other tests.
 */
@Tag("slow")
class StaleControllerScenarioTest {

    @Test
    void withoutTheGateAStaleControllerCreatesExtraPodsWithItNone() throws Exception {
        List<ScenarioCase> cases = StaleControllerScenarios.cases(List.of(new ReplicaSetWorkload(), new DaemonSetWorkload()));
        long t0 = System.nanoTime();
        StaleControllerScenarios.Outcomes outcomes = StaleControllerScenarios.runConcurrently(cases, ScenarioTiming.defaults(),
                line -> System.out.println("[scenario] " + line));
        System.out.printf("[scenario] %d runs side by side in %d s%n", cases.size(), (System.nanoTime() - t0) / 1_000_000_000L);
        Path dir = Path.of("target", "scenario-results", "stale-controller-" + System.currentTimeMillis());
        ScenarioResults.Written written = ScenarioResults.write(dir, outcomes.runs());
        System.out.println("[scenario] pod counts over time: " + written.page().toAbsolutePath());
        assertThat(outcomes.failures()).isEmpty();

        for (ScenarioRun run : outcomes.runs()) {
            String label = run.scenarioCase().label();
            int desired = run.desiredPods();
            // The fault was in place: the interposer held pod events, and while it did the API server's
            // cache stayed at the old count although etcd had the new pods.
            assertThat(run.heldEvents()).as(label + ": held watch responses").isPositive();
            int initial = run.scenarioCase().workload().initialPods();
            PodCountSample atTrigger = sampleBefore(run, run.markAt("sync-trigger"));
            assertThat(atTrigger.inApiCache()).as(label + ": cached pods at the trigger").isEqualTo(initial);
            // The ReplicaSet controller created all 3 missing pods at once. The DaemonSet controller
            // created a pod for the first node that joined; when the second joined, the expectations of
            // that first creation (never observed) kept it from creating more.
            assertThat(atTrigger.inEtcd()).as(label + ": pods in etcd at the trigger").isGreaterThan(initial).isLessThanOrEqualTo(desired);
            // After the release everything converges to the desired count.
            assertThat(run.markAt("converged")).as(label + ": converged after the release").isPositive();
            assertThat(run.inEtcdAtEnd()).as(label + ": pods in etcd at the end").isEqualTo(desired);
            if (run.scenarioCase().gateOn()) {
                assertThat(run.outcome()).as(label + " " + run.etcdCounts()).isEqualTo(Outcome.NO_EFFECT);
                assertThat(run.maxInEtcd()).as(label + ": most pods ever in etcd").isEqualTo(desired);
            } else {
                assertThat(run.outcome()).as(label + " " + run.etcdCounts()).isEqualTo(Outcome.OVER_PROVISIONING);
                // The stale cache showed the initial pods only, so the controller created every pod it
                // wanted beyond them once more, on top of those already in etcd.
                assertThat(run.maxInEtcd()).as(label + ": most pods ever in etcd").isEqualTo(atTrigger.inEtcd() + desired - initial);
                assertThat(run.symptoms()).singleElement().satisfies(s -> {
                    assertThat(s.firstSeenMillis()).isGreaterThan(run.markAt("sync-trigger"));
                    assertThat(s.expected()).isEqualTo(Integer.toString(desired));
                });
            }
        }

        Map<String, JournalRecord> journal = Journal.read(dir).records().stream()
                .collect(Collectors.toMap(JournalRecord::id, Function.identity()));
        assertThat(journal.keySet()).containsExactlyInAnyOrder("stale-replicaset-gate-off", "stale-replicaset-gate-on",
                "stale-daemonset-gate-off", "stale-daemonset-gate-on");
        assertThat(journal.get("stale-replicaset-gate-off").variant()).isEqualTo("gate-off");
        assertThat(Files.readString(written.page())).contains("<polyline").contains("OVER_PROVISIONING");
    }

    private static PodCountSample sampleBefore(ScenarioRun run, long atMillis) {
        return run.samples().stream().filter(s -> s.atMillis() < atMillis).reduce((a, b) -> b).orElseThrow();
    }
}
