package dev.mutineer.campaign.run;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignException;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.campaign.ClusterSpec;
import dev.mutineer.campaign.shard.MergeFile;
import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.cluster.Cluster;
import dev.mutineer.injector.spec.InjectionSpec;
import dev.mutineer.results.BaselineFile;
import dev.mutineer.results.JournalRecord;
import dev.mutineer.results.Journal;
import dev.mutineer.results.JournalContents;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Replays recorded injections: the same spec on a fresh cluster started from the campaign copied into the
 * results directory, classified against the recorded baseline (or a newly learned one).
 */
public final class Reproducer {

    /** A recorded injection and its replay. */
    public record Replay(JournalRecord recorded, InjectionRun replay, String baselineSource) {
        public boolean sameClass() {
            return recorded.outcome() == replay.verdict().outcome();
        }
    }

    private Reproducer() {
    }

    /**
     * The journal record with this ID; IllegalArgumentException naming the directory when there is none, or the
     * journal line when the ID's only record is damaged.
     */
    public static JournalRecord find(Path resultsDir, String id) {
        return find(Journal.readWithoutObservations(resultsDir), resultsDir, id);
    }

    /** As {@link #find(Path, String)}, in a journal already read. */
    public static JournalRecord find(JournalContents journal, Path resultsDir, String id) {
        return journal.find(id).orElseThrow(() -> new IllegalArgumentException(journal.skippedLineOf(id)
                .map(s -> "injection " + id + " cannot be replayed: its record is damaged (" + s.file() + ":" + s.line()
                        + ": " + s.reason() + ")")
                .orElse("no injection " + id + " in " + resultsDir.resolve(ResultsDir.JOURNAL))));
    }

    /** The campaign as copied into the results directory. */
    public static Campaign campaign(Path resultsDir) {
        Path file = ResultsDir.campaignFile(resultsDir);
        try {
            return new CampaignLoader().load(file);
        } catch (CampaignException e) {
            throw new IllegalArgumentException("the campaign copied into the results is invalid: "
                    + e.problems().stream().map(String::valueOf).collect(Collectors.joining("; ")), e);
        }
    }

    /** Replays one recorded injection on a fresh cluster of its variant; the cluster is gone when this returns. */
    public static Replay replay(Path resultsDir, String id, boolean learnNewBaseline, Consumer<String> log,
                                Consumer<Cluster> onClusterCreated) {
        return replay(resultsDir, id, campaign(resultsDir), learnNewBaseline, log, onClusterCreated);
    }

    /**
     * The same on {@code campaign}: the copied one, or its kwok-only form where its real nodes cannot run (then
     * the recorded baseline, learned with real nodes and their clients, does not fit: learn a new one).
     */
    public static Replay replay(Path resultsDir, String id, Campaign campaign, boolean learnNewBaseline, Consumer<String> log,
                                Consumer<Cluster> onClusterCreated) {
        JournalRecord recorded = find(resultsDir, id);
        InjectionSpec spec = SpecJson.toSpec(recorded.spec());
        ClusterSpec clusterSpec = campaign.clusterVariants().get(recorded.variant());
        if (clusterSpec == null) {
            throw new IllegalArgumentException("the copied campaign has no variant '" + recorded.variant() + "'");
        }
        try (CampaignCluster cluster = CampaignCluster.start(campaign, clusterSpec, onClusterCreated, log)) {
            InjectionRunner injections = new InjectionRunner(cluster, campaign.observationWindow(), campaign.settleTime(), campaign.reset(),
                    campaign.sensitivity());
            Optional<Baseline> saved = learnNewBaseline ? Optional.empty() : BaselineFile.read(MergeFile.baselineDir(resultsDir, id), recorded.variant());
            Baseline baseline;
            String source;
            if (saved.isPresent()) {
                baseline = saved.get();
                source = "recorded";
            } else {
                log.accept(campaign.goldenRuns() + " golden runs for a new baseline");
                baseline = injections.learnBaseline(campaign.goldenRuns());
                source = "learned anew from " + campaign.goldenRuns() + " golden runs";
            }
            java.util.Map<String, String> pinned = SpecJson.replayParameters(recorded.spec());
            log.accept("replaying " + id + (pinned.isEmpty() ? "" : " with the recorded " + pinned));
            return new Replay(recorded, injections.run(spec, baseline, pinned), source);
        }
    }
}
