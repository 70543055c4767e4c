package dev.mutineer.campaign.run;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.ClusterSpec;
import dev.mutineer.campaign.shard.Shard;
import dev.mutineer.campaign.shard.ShardFile;
import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.cluster.Cluster;
import dev.mutineer.results.BaselineFile;
import dev.mutineer.results.JournalRecord;
import dev.mutineer.results.Journal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a campaign: per cluster variant, start the cluster with the workload at rest, plan, learn (or reuse) the
 * golden baseline, then every planned injection times the repetitions, each appended to the journal as soon as
 * it is classified. The journal is the history: what it holds survives a SIGKILL, and --resume skips it.
 *
 * <p>{@link #stop()} (the Ctrl-C hook) may be called from another thread at any time: it bars further
 * appends first, so an injection cut short by the teardown is never recorded with a verdict on a dying cluster.
 */
public final class CampaignRunner {

    /** How a run ended. */
    public record Summary(Path resultsDir, int planned, int recordedNow, int skipped, boolean stopped) {
    }

    private final Campaign campaign;
    private final Path resultsDir;
    private final boolean resume;
    private final int maxNewInjections;
    private final Progress progress;
    private final Optional<Shard> shard;
    private Optional<String> realNodesUnavailable = Optional.empty();

    private final Object appendLock = new Object();
    private boolean stopping;
    private volatile Cluster currentCluster;

    /**
     * @param maxNewInjections stop after recording this many (the rest stays for --resume); Integer.MAX_VALUE for all
     */
    public CampaignRunner(Campaign campaign, Path resultsDir, boolean resume, int maxNewInjections, Progress progress) {
        this(campaign, resultsDir, resume, maxNewInjections, progress, Optional.empty());
    }

    /** As above, running only the injections of {@code shard} (the golden runs all the same: each shard has its cluster). */
    public CampaignRunner(Campaign campaign, Path resultsDir, boolean resume, int maxNewInjections, Progress progress,
                          Optional<Shard> shard) {
        this.shard = shard;
        this.campaign = campaign;
        this.resultsDir = resultsDir.toAbsolutePath().normalize();
        this.resume = resume;
        this.maxNewInjections = maxNewInjections;
        this.progress = progress;
    }

    /**
     * Why the campaign runs without the real nodes its file asks for (it fell back to kwok-only); every record says
     * so, beside the real nodes it ran with.
     */
    public CampaignRunner withRealNodesUnavailable(Optional<String> why) {
        this.realNodesUnavailable = why;
        return this;
    }

    public Summary run() {
        if (ResultsDir.hasJournal(resultsDir) && !resume) {
            throw new IllegalArgumentException(resultsDir + " already holds a journal: add --resume to continue that "
                    + "campaign, or choose another --out directory");
        }
        ShardFile.checkRunIn(resultsDir, shard, campaign, ResultsDir.hasJournal(resultsDir));
        ResultsDir.copyCampaign(resultsDir, campaign).forEach(progress::note);
        if (!ResultsDir.hasJournal(resultsDir)) {
            ShardFile.startIn(resultsDir, shard, campaign);
        }
        Map<String, ClusterSpec> variants = campaign.clusterVariants();
        int planned = 0;
        List<Integer> planSizes = new ArrayList<>();
        int recordedNow = 0;
        int skipped = 0;
        try (Journal journal = Journal.open(resultsDir)) {
            journal.warnings().forEach(progress::note);
            Set<String> done = journal.completedIds();
            boolean progressStarted = false;
            for (Map.Entry<String, ClusterSpec> variant : variants.entrySet()) {
                if (stopped()) {
                    break;
                }
                try (CampaignCluster cluster = CampaignCluster.start(campaign, variant.getValue(), c -> currentCluster = c, progress::note)) {
                    List<PlannedInjection> whole = CampaignPlanner.plan(campaign,
                            StoredObjects.read(cluster.cluster(), campaign.targets()));
                    List<PlannedInjection> plan = shard.map(s -> s.slice(whole)).orElse(whole);
                    // Each variant plans on its own cluster (another node count: other Nodes to target), so the total
                    // is known once every variant has planned; until then the last plan stands in for the rest.
                    planSizes.add(plan.size());
                    planned = plannedRuns(planSizes, variants.size(), campaign.repetitions());
                    if (!progressStarted) {
                        progress.start(planned, (int) done.stream().count());
                        progressStarted = true;
                    } else {
                        progress.resize(planned);
                    }
                    InjectionRunner injections = new InjectionRunner(cluster, campaign.observationWindow(), campaign.settleTime(), campaign.reset(),
                    campaign.sensitivity());
                    Baseline baseline = baseline(injections, variant.getKey());
                    for (PlannedInjection p : plan) {
                        for (int rep = 1; rep <= campaign.repetitions(); rep++) {
                            String id = ResultRecords.journalId(p.id(), variant.getKey(), variants.size() > 1, rep);
                            if (done.contains(id)) {
                                skipped++;
                                continue;
                            }
                            if (recordedNow >= maxNewInjections || stopped()) {
                                return new Summary(resultsDir, planned, recordedNow, skipped, stopped());
                            }
                            InjectionRun run = injections.run(p.spec(), baseline);
                            JournalRecord result = ResultRecords.of(run, id, campaign.name(), variant.getKey(), rep, resultsDir,
                                    variant.getValue(), realNodesUnavailable);
                            if (!append(journal, result)) {
                                return new Summary(resultsDir, planned, recordedNow, skipped, true);
                            }
                            recordedNow++;
                            progress.recorded(result, run.phases());
                        }
                    }
                } catch (RuntimeException e) {
                    if (stopped()) {
                        // The Ctrl-C hook closed the cluster under this injection: that is the stop, not a failure.
                        return new Summary(resultsDir, planned, recordedNow, skipped, true);
                    }
                    throw e;
                } finally {
                    currentCluster = null;
                }
            }
        }
        return new Summary(resultsDir, planned, recordedNow, skipped, stopped());
    }

    /**
     * The runs of a campaign whose first {@code planSizes.size()} variants planned that many injections: those, and
     * for each variant still to plan as many as the last one.
     */
    static int plannedRuns(List<Integer> planSizes, int variants, int repetitions) {
        int known = planSizes.stream().mapToInt(Integer::intValue).sum();
        int estimate = planSizes.isEmpty() ? 0 : planSizes.get(planSizes.size() - 1) * (variants - planSizes.size());
        return (known + estimate) * repetitions;
    }

    /** The baseline recorded by an earlier (interrupted) run of this campaign, or a new one from golden runs. */
    private Baseline baseline(InjectionRunner injections, String variant) {
        if (resume) {
            Optional<Baseline> recorded = BaselineFile.read(resultsDir, variant);
            if (recorded.isPresent()) {
                progress.note("reusing the recorded golden baseline of variant " + variant);
                return recorded.get();
            }
        }
        progress.note(campaign.goldenRuns() + " golden runs (variant " + variant + ")");
        Baseline baseline = injections.learnBaseline(campaign.goldenRuns());
        BaselineFile.write(resultsDir, variant, baseline);
        return baseline;
    }

    private boolean append(Journal journal, JournalRecord result) {
        synchronized (appendLock) {
            if (stopping) {
                return false;
            }
            journal.append(result);
            return true;
        }
    }

    private boolean stopped() {
        synchronized (appendLock) {
            return stopping;
        }
    }

    /**
     * Stops the campaign from another thread: no append after this returns (an append in progress completes
     * first), then the running cluster is torn down.
     */
    public void stop() {
        synchronized (appendLock) {
            stopping = true;
        }
        Cluster c = currentCluster;
        if (c != null) {
            c.close();
        }
    }
}
