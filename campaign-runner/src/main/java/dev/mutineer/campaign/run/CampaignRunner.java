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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

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

    private final int parallelism;
    private final Object appendLock = new Object();
    private boolean stopping;
    private final List<Cluster> liveClusters = new ArrayList<>();
    private final AtomicInteger recordedNow = new AtomicInteger();
    private final List<Integer> planSizes = new ArrayList<>();
    private InjectionBudget budget;
    private volatile int planned;
    private volatile int skipped;

    /**
     * @param maxNewInjections stop after recording this many (the rest stays for --resume); Integer.MAX_VALUE for all
     */
    public CampaignRunner(Campaign campaign, Path resultsDir, boolean resume, int maxNewInjections, Progress progress) {
        this(campaign, resultsDir, resume, maxNewInjections, progress, Optional.empty());
    }

    /** As above, running only the injections of {@code shard} (the golden runs all the same: each shard has its cluster). */
    public CampaignRunner(Campaign campaign, Path resultsDir, boolean resume, int maxNewInjections, Progress progress,
                          Optional<Shard> shard) {
        this(campaign, resultsDir, resume, maxNewInjections, progress, shard,
                Parallelism.parse(campaign.parallelism(), campaign.maxRealNodes()));
    }

    /**
     * As above, on {@code parallelism} clusters side by side in all; a differential campaign shares them among its
     * variants ({@link Parallelism#rounds}).
     */
    public CampaignRunner(Campaign campaign, Path resultsDir, boolean resume, int maxNewInjections, Progress progress,
                          Optional<Shard> shard, int parallelism) {
        if (parallelism < 1 || parallelism > Parallelism.MAX) {
            throw new IllegalArgumentException("parallelism must be from 1 to " + Parallelism.MAX + ", got " + parallelism);
        }
        this.parallelism = parallelism;
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
        List<Map.Entry<String, ClusterSpec>> variants = List.copyOf(campaign.clusterVariants().entrySet());
        budget = new InjectionBudget(maxNewInjections);
        try (Journal journal = Journal.open(resultsDir)) {
            journal.warnings().forEach(progress::note);
            Set<String> done = journal.completedIds();
            int next = 0;
            for (List<Integer> round : Parallelism.rounds(parallelism, variants.size())) {
                if (stopped()) {
                    break;
                }
                List<VariantRun> together = new ArrayList<>();
                for (int clusters : round) {
                    Map.Entry<String, ClusterSpec> variant = variants.get(next++);
                    together.add(new VariantRun(variant.getKey(), variant.getValue(), journal, done, variants.size(),
                            clusters, round.size() > 1));
                }
                runSideBySide(together);
                if (stopped() || together.stream().anyMatch(VariantRun::budgetSpent)) {
                    break;
                }
            }
        }
        return new Summary(resultsDir, planned, recordedNow.get(), skipped, stopped());
    }

    /** Runs the variants of one round at once, each on threads of its own; the first failure is thrown after all end. */
    private static void runSideBySide(List<VariantRun> variants) {
        if (variants.size() == 1) {
            variants.get(0).run();
            return;
        }
        List<RuntimeException> failures = new ArrayList<>(variants.size());
        Map<String, Runnable> runs = new LinkedHashMap<>();
        for (VariantRun v : variants) {
            runs.put("mutineer-variant-" + v.variant, () -> {
                try {
                    v.run();
                } catch (RuntimeException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
        }
        onThreadsOfTheirOwn(runs);
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    /**
     * One variant on {@code clusters} clusters of its configuration: each starts, the first one up plans (the
     * plan and its IDs do not depend on the cluster), each learns its own baseline, then each takes the next
     * injection of the one {@link InjectionQueue} until none is left. One serial run is the case of one cluster, run
     * on the calling thread.
     */
    private final class VariantRun {
        private final String variant;
        private final ClusterSpec spec;
        private final Journal journal;
        private final Set<String> done;
        private final int variantCount;
        private final int clusters;
        private final boolean besideOthers;
        private InjectionQueue queue;
        private boolean closed;
        private RuntimeException failure;

        /** @param besideOthers other variants run at the same time (progress names the variant) */
        VariantRun(String variant, ClusterSpec spec, Journal journal, Set<String> done, int variantCount, int clusters,
                   boolean besideOthers) {
            this.variant = variant;
            this.clusters = clusters;
            this.besideOthers = besideOthers;
            this.spec = spec;
            this.journal = journal;
            this.done = done;
            this.variantCount = variantCount;
        }

        void run() {
            if (clusters == 1) {
                work(0);
            } else {
                Map<String, Runnable> runs = new LinkedHashMap<>();
                for (int i = 0; i < clusters; i++) {
                    int index = i;
                    runs.put("mutineer-" + variant + "-" + clusterName(index), () -> work(index));
                }
                onThreadsOfTheirOwn(runs);
            }
            synchronized (this) {
                if (failure != null && !stopped()) {
                    throw failure;
                }
            }
        }

        /** --max-injections reached with injections of this variant left: later variants do not start. */
        synchronized boolean budgetSpent() {
            return queue != null && queue.left() > 0;
        }

        private void work(int index) {
            String name = clusterLabel(index);
            List<Cluster> mine = new ArrayList<>(1);
            try (CampaignCluster cluster = CampaignCluster.start(campaign, spec, c -> register(mine, c),
                    m -> note(name, m))) {
                InjectionQueue injectionsLeft = queueFor(cluster);
                InjectionRunner injections = new InjectionRunner(cluster, campaign.observationWindow(), campaign.settleTime(),
                        campaign.reset(), campaign.sensitivity());
                Baseline baseline = baseline(injections, variant, index, name);
                for (Optional<InjectionQueue.Work> w = injectionsLeft.next(); w.isPresent(); w = injectionsLeft.next()) {
                    InjectionQueue.Work work = w.get();
                    InjectionRun run = injections.run(work.injection().spec(), baseline);
                    JournalRecord result = ResultRecords.of(run, work.id(), campaign.name(), variant, work.repetition(), resultsDir,
                            spec, realNodesUnavailable);
                    if (!append(journal, result)) {
                        return;
                    }
                    recordedNow.incrementAndGet();
                    synchronized (progress) {
                        progress.recorded(result, run.phases(), name);
                    }
                }
            } catch (RuntimeException e) {
                // After a stop the Ctrl-C hook closed the cluster under this injection: that is the stop, not a failure.
                if (!stopped()) {
                    failed(e);
                }
            } finally {
                unregister(mine);
            }
        }

        /** How progress names a cluster: by its number among the variant's, and by the variant beside others. */
        private String clusterLabel(int index) {
            String number = clusters == 1 ? "" : clusterName(index);
            if (!besideOthers) {
                return number;
            }
            return number.isEmpty() ? variant : variant + "/" + number;
        }

        /** The variant's queue: the first cluster up plans it, the others wait for that plan. */
        private synchronized InjectionQueue queueFor(CampaignCluster cluster) {
            if (queue == null) {
                List<PlannedInjection> whole = CampaignPlanner.plan(campaign, StoredObjects.read(cluster.cluster(), campaign.targets()));
                List<PlannedInjection> plan = shard.map(s -> s.slice(whole)).orElse(whole);
                queue = new InjectionQueue(plan, variant, variantCount > 1, campaign.repetitions(), done, budget);
                if (closed) {
                    queue.close();
                }
                planned(plan.size(), queue.skipped(), variantCount, done.size());
            }
            return queue;
        }

        /** The first failure ends the variant: the other clusters finish the injection they run and take no more. */
        private synchronized void failed(RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
            closed = true;
            if (queue != null) {
                queue.close();
            }
        }
    }

    /**
     * A variant planned {@code size} injections: the campaign's total so far. Each variant plans on its own cluster
     * (another node count: other Nodes to target), so the total is known once every variant has planned; until then
     * the last plan stands in for the rest. Variants side by side plan at the same time: one at a time here.
     */
    private void planned(int size, int skippedNow, int variantCount, int recordedBefore) {
        synchronized (planSizes) {
            skipped += skippedNow;
            planSizes.add(size);
            planned = plannedRuns(planSizes, variantCount, campaign.repetitions());
            synchronized (progress) {
                if (planSizes.size() == 1) {
                    progress.start(planned, recordedBefore);
                } else {
                    progress.resize(planned);
                }
            }
        }
    }

    private static String clusterName(int index) {
        return "cluster-" + (index + 1);
    }

    private void note(String cluster, String message) {
        synchronized (progress) {
            progress.note(cluster.isEmpty() ? message : cluster + ": " + message);
        }
    }

    /** Runs each on a thread of its own, named by its key, and returns when all have ended. */
    private static void onThreadsOfTheirOwn(Map<String, Runnable> runs) {
        List<Thread> threads = new ArrayList<>(runs.size());
        runs.forEach((name, run) -> {
            Thread t = new Thread(run, name);
            t.start();
            threads.add(t);
        });
        threads.forEach(CampaignRunner::joinUninterruptibly);
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
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

    /**
     * The baseline recorded by an earlier (interrupted) run of this campaign, or a new one from golden runs. Clusters
     * side by side keep a baseline each, learned from the campaign's goldenRuns on that cluster, and every injection
     * is classified against the baseline of the cluster that ran it: a cluster slowed by its neighbours is compared
     * with itself. The first cluster's is the variant's baseline file (reproduce reads it); cluster K's is
     * baseline-VARIANT.cluster-K.json.
     */
    private Baseline baseline(InjectionRunner injections, String variant, int index, String cluster) {
        String file = baselineName(variant, index);
        if (resume) {
            Optional<Baseline> recorded = BaselineFile.read(resultsDir, file);
            if (recorded.isPresent()) {
                note(cluster, "reusing the recorded golden baseline of variant " + variant);
                return recorded.get();
            }
        }
        note(cluster, campaign.goldenRuns() + " golden runs (variant " + variant + ")");
        Baseline baseline = injections.learnBaseline(campaign.goldenRuns());
        BaselineFile.write(resultsDir, file, baseline);
        return baseline;
    }

    /** The name of the baseline file of the {@code index}-th cluster (from 0) of a variant. */
    static String baselineName(String variant, int index) {
        return index == 0 ? variant : variant + "." + clusterName(index);
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
     * first), then every running cluster is torn down.
     */
    public void stop() {
        List<Cluster> running;
        synchronized (appendLock) {
            stopping = true;
            running = List.copyOf(liveClusters);
        }
        running.forEach(Cluster::close);
    }

    /** A cluster about to start, for {@link #stop()}; one created after a stop is closed at once (its start then fails). */
    private void register(List<Cluster> mine, Cluster c) {
        boolean late;
        synchronized (appendLock) {
            late = stopping;
            liveClusters.add(c);
            mine.add(c);
        }
        if (late) {
            c.close();
        }
    }

    /** Forgets the clusters a worker closed; the others stay for {@link #stop()}. */
    private void unregister(List<Cluster> closed) {
        synchronized (appendLock) {
            liveClusters.removeAll(closed);
        }
    }
}
