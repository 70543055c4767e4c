package dev.mutineer.results;

import dev.mutineer.classifier.Classifier;
import dev.mutineer.classifier.InjectionFacts;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.InjectedObject;
import dev.mutineer.classifier.Verdict;
import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.baseline.BaselineLearner;
import dev.mutineer.classifier.observation.ApiHealth;
import dev.mutineer.classifier.observation.NodeStatus;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.observation.Sample;
import dev.mutineer.classifier.observation.WorkloadStatus;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The path the CLI takes: classifier verdict and observation into the journal, back out, into the reports. */
class VerdictJournalTest {

    private static Observation webReady(int... readyPerSample) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < readyPerSample.length; i++) {
            int ready = readyPerSample[i];
            samples.add(new Sample(i * 1000L, new ApiHealth(200, 200), Map.of(Component.CONTROLLER_MANAGER, ComponentState.RUNNING),
                    List.of(new WorkloadStatus("Deployment", "default", "web", null, 3, 3, ready, ready, 3, 1, 1)),
                    List.of(), List.of(), List.of(new NodeStatus("kwok-node-0", true)), List.of()));
        }
        return new Observation(Instant.parse("2026-11-21T20:00:00Z"), 1000, (readyPerSample.length - 1) * 1000L, samples, List.of(), "sha256:0f1e");
    }

    @Test
    void verdictAndObservationSurviveTheJournalAndReachTheReport(@TempDir Path dir) throws Exception {
        Baseline baseline = BaselineLearner.learn(List.of(webReady(3, 3, 3, 3, 3)));
        Observation after = webReady(3, 1, 0, 2, 3);
        Verdict verdict = new Classifier().classify(after, baseline,
                new InjectionFacts(new InjectedObject("Deployment", "default", "web"), true, false));
        assertThat(verdict.outcome()).isEqualTo(Outcome.TRANSIENT);

        JournalRecord result = JournalRecord.builder("a1b2c3").campaign("quickstart")
                .target("Deployment", "default", "web").field("spec.template.metadata.labels.app", true)
                .operator("bitflip", Map.of("bit", "3")).values("web", "wgb").verdict(verdict)
                .reproduceCommand(ReproduceLine.of("a1b2c3", dir)).observation(after).build();
        try (Journal j = Journal.open(dir)) {
            j.append(result);
        }
        JournalRecord back = Journal.read(dir).records().get(0);
        assertThat(back).isEqualTo(result);
        assertThat(back.timeToFirstSymptomMillis()).isEqualTo(1000L);
        assertThat(back.timeToRecoverMillis()).isEqualTo(3000L);
        assertThat(back.observation().storedValueAtEnd()).isEqualTo("sha256:0f1e");
        assertThat(Journal.readWithoutObservations(dir).records()).containsExactly(result.withoutObservation());

        ReportPaths paths = ReportWriter.write(dir);
        assertThat(Files.readString(paths.csv())).contains("a1b2c3", "TRANSIENT", "READY_BELOW_GOLDEN Deployment/default/web ready=1->0->2 (golden 3)");
        assertThat(Files.readString(paths.html())).contains("3.0 s", "READY_BELOW_GOLDEN Deployment/default/web ready&#x3D;1-&gt;0-&gt;2 (golden 3)");
    }
}
