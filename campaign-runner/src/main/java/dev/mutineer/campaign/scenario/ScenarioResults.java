package dev.mutineer.campaign.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mutineer.results.JournalRecord;
import dev.mutineer.results.PrivateFiles;
import dev.mutineer.results.Journal;
import dev.mutineer.results.ReportPaths;
import dev.mutineer.results.ReportWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a scenario's runs where campaign results go: one {@link JournalRecord} per run in
 * journal.jsonl (variant "gate-on"/"gate-off", so report.html compares the configurations like any
 * differential campaign), report.csv/report.html from it, and beside them scenario.html (the pod counts
 * over time, side by side) and pod-counts.csv (the samples).
 */
public final class ScenarioResults {

    public static final String CAMPAIGN = "stale-controller";
    public static final String PAGE = "scenario.html";
    public static final String SAMPLES = "pod-counts.csv";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was written. */
    public record Written(ReportPaths report, Path page, Path samples) {
    }

    private ScenarioResults() {
    }

    public static Written write(Path dir, List<ScenarioRun> runs) {
        try (Journal journal = Journal.open(dir)) {
            for (ScenarioRun run : runs) {
                journal.append(result(run));
            }
        }
        ReportPaths report = ReportWriter.write(dir);
        Path page = dir.resolve(PAGE);
        Path samples = dir.resolve(SAMPLES);
        try {
            // Like every results file: 0600, and a symbolic link in its place replaced, never written through.
            PrivateFiles.writeString(page, ScenarioPage.render(runs));
            PrivateFiles.writeString(samples, csv(runs));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scenario page in " + dir + ": " + e.getMessage(), e);
        }
        return new Written(report, page, samples);
    }

    /** The journal's ID of a run: one per workload kind and configuration. */
    static String id(ScenarioCase c) {
        return "stale-" + c.workload().kind().toLowerCase(Locale.ROOT) + "-" + c.variant();
    }

    static JournalRecord result(ScenarioRun run) {
        ScenarioCase c = run.scenarioCase();
        StaleWorkload w = c.workload();
        ObjectNode spec = JSON.createObjectNode()
                .put("scenario", CAMPAIGN)
                .put("kind", w.kind())
                .put("featureGate", w.featureGate())
                .put("gateOn", c.gateOn())
                .put("initialPods", w.initialPods())
                .put("desiredPods", w.desiredPods())
                .put("holdMillis", run.timing().hold().toMillis())
                .put("afterTriggerMillis", run.timing().afterTrigger().toMillis())
                .put("heldWatchResponses", run.heldEvents())
                .put("podsInEtcd", run.etcdCounts())
                .put("podsInApiCache", run.apiCacheCounts());
        Long first = run.symptoms().isEmpty() ? null : run.symptoms().get(0).firstSeenMillis();
        return JournalRecord.builder(id(c))
                .campaign(CAMPAIGN)
                .variant(c.variant())
                .target(w.kind(), StaleWorkload.NAMESPACE, w.name())
                .field(w instanceof ReplicaSetWorkload ? "spec.replicas" : "nodes", false)
                .operator("hold-watch", Map.of("prefix", StaleControllerScenario.POD_PREFIX,
                        "hold", run.timing().hold().toSeconds() + "s",
                        w.featureGate(), Boolean.toString(c.gateOn())))
                .values(w.initialPods() + " pods", w.desiredPods() + " pods")
                .activated(run.heldEvents() > 0)
                .outcome(run.outcome())
                .symptoms(run.symptoms())
                .times(first, null)
                .reproduceCommand("mutineer scenario stale-controller --kind " + w.kind().toLowerCase(Locale.ROOT)
                        + " --hold " + run.timing().hold().toSeconds() + "s")
                .timestamps(run.startedAt(), run.finishedAt())
                .spec(spec)
                .build();
    }

    static String csv(List<ScenarioRun> runs) {
        StringBuilder out = new StringBuilder("kind,variant,at_ms,phase,pods_in_etcd,pods_in_api_cache,desired\n");
        for (ScenarioRun run : runs) {
            for (PodCountSample s : run.samples()) {
                out.append(run.scenarioCase().workload().kind()).append(',').append(run.scenarioCase().variant()).append(',')
                        .append(s.atMillis()).append(',').append(s.phase()).append(',').append(s.inEtcd()).append(',')
                        .append(s.inApiCache()).append(',').append(run.desiredPods()).append('\n');
            }
        }
        return out.toString();
    }
}
