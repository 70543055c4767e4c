package dev.mutineer.campaign.scenario;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.results.JournalRecord;
import dev.mutineer.results.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdict and the results of the scenario from the pod counts of a recorded run (ReplicaSet, 20:46 UTC). */
class ScenarioResultsTest {

    /** Gate off: 2 pods, 5 after the scale-up, 8 after the trigger at +327 s, back to 5 after the release. */
    static final List<PodCountSample> GATE_OFF = List.of(
            new PodCountSample(0, "steady", 2, 2), new PodCountSample(9_000, "held", 5, 2),
            new PodCountSample(324_000, "held", 5, 2), new PodCountSample(327_000, "triggered", 8, 2),
            new PodCountSample(345_000, "triggered", 8, 2), new PodCountSample(346_000, "released", 8, 8),
            new PodCountSample(347_000, "released", 5, 5));
    static final List<PodCountSample> GATE_ON = List.of(
            new PodCountSample(0, "steady", 2, 2), new PodCountSample(9_000, "held", 5, 2),
            new PodCountSample(345_000, "triggered", 5, 2), new PodCountSample(346_000, "released", 5, 5));
    static final List<ScenarioMark> MARKS = List.of(new ScenarioMark(6_000, "hold"), new ScenarioMark(6_010, "scale-up"),
            new ScenarioMark(326_010, "sync-trigger"), new ScenarioMark(346_010, "release"), new ScenarioMark(347_500, "converged"));

    @Test
    void podsInEtcdAboveTheDesiredCountAreOverProvisioningWithTheirTimeLine() {
        OverProvisioningCheck.Verdict v = OverProvisioningCheck.judge(new ReplicaSetWorkload(), GATE_OFF);
        assertThat(v.outcome()).isEqualTo(Outcome.OVER_PROVISIONING);
        assertThat(v.symptoms()).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo("ReplicaSet/default/stale-rs");
            assertThat(s.value()).isEqualTo("8");
            assertThat(s.expected()).isEqualTo("5");
            assertThat(s.firstSeenMillis()).isEqualTo(327_000);
            assertThat(s.lastSeenMillis()).isEqualTo(346_000);
            assertThat(s.presentAtEnd()).isFalse();
        });
        assertThat(OverProvisioningCheck.judge(new ReplicaSetWorkload(), GATE_ON).outcome()).isEqualTo(Outcome.NO_EFFECT);
    }

    @Test
    void oneJournalRecordPerConfigurationAndThePodCountsSideBySide(@TempDir Path dir) throws Exception {
        List<ScenarioRun> runs = List.of(run(false, GATE_OFF), run(true, GATE_ON));
        ScenarioResults.Written written = ScenarioResults.write(dir, runs);

        List<JournalRecord> journal = Journal.read(dir).records();
        assertThat(journal).extracting(JournalRecord::id, JournalRecord::variant, JournalRecord::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("stale-replicaset-gate-off", "gate-off", Outcome.OVER_PROVISIONING),
                org.assertj.core.groups.Tuple.tuple("stale-replicaset-gate-on", "gate-on", Outcome.NO_EFFECT));
        assertThat(journal.get(0).spec().get("podsInEtcd").asText()).isEqualTo("2->5->8->5");
        assertThat(Files.readString(written.report().html())).contains("gate-off").contains("gate-on");

        String page = Files.readString(written.page());
        // two charts, each with the etcd and the cache line, and the steps marked
        assertThat(page.split("<svg ", -1)).hasSize(3);
        assertThat(page.split("<polyline", -1)).hasSize(5);
        assertThat(page).contains("sync-trigger").contains("2->5->8->5");
        assertThat(Files.readAllLines(written.samples())).hasSize(1 + GATE_OFF.size() + GATE_ON.size())
                .contains("ReplicaSet,gate-off,327000,triggered,8,2,5");
    }

    @Test
    void aSymlinkedScenarioPageIsReplacedAndItsTargetLeftUntouched(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("results"));
        Path victim = Files.writeString(tmp.resolve("victim.txt"), "the user's own file\n");
        Files.createSymbolicLink(dir.resolve("scenario.html"), victim);
        ScenarioResults.Written written = ScenarioResults.write(dir, List.of(run(false, GATE_OFF)));
        assertThat(Files.readString(victim)).isEqualTo("the user's own file\n");
        assertThat(Files.isSymbolicLink(written.page())).isFalse();
        assertThat(Files.readString(written.page())).contains("<svg ");
    }

    private static ScenarioRun run(boolean gateOn, List<PodCountSample> samples) {
        OverProvisioningCheck.Verdict v = OverProvisioningCheck.judge(new ReplicaSetWorkload(), samples);
        return new ScenarioRun(new ScenarioCase(new ReplicaSetWorkload(), gateOn), ScenarioTiming.defaults(), samples, MARKS,
                12, v.outcome(), v.symptoms(), Instant.parse("2026-11-21T20:46:21Z"), Instant.parse("2026-11-21T20:52:30Z"));
    }
}
