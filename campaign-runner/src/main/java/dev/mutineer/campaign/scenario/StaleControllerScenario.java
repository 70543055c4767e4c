package dev.mutineer.campaign.scenario;

import dev.mutineer.injector.inflight.Action;
import dev.mutineer.injector.inflight.ActiveRule;
import dev.mutineer.injector.inflight.Count;
import dev.mutineer.injector.inflight.EtcdInterposer;
import dev.mutineer.injector.inflight.Rule;
import dev.mutineer.injector.inflight.Selector;
import io.etcd.jetcd.Client;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * kubernetes#129795 on one cluster: a 3-node local cluster whose API server reaches etcd through the
 * interposer, the workload's controller gate set as the case says.
 * <ol>
 * <li>create the workload, wait until its pods run;</li>
 * <li>hold every pod watch event from etcd to the API server (progress notifications queue behind them,
 *     so neither the watch cache nor any informer believes it is newer than the events it has);</li>
 * <li>scale up: the controller creates the missing pods in etcd, its informer never sees them, its
 *     expectations stay unsatisfied;</li>
 * <li>wait past the 5-minute expectations TTL, then annotate the workload: an update event makes the
 *     controller sync it. Without the gate the expired expectations count as satisfied, the stale cache
 *     shows too few pods, and the controller creates them again. With the gate it sees that its informer
 *     has not caught up with its own writes and requeues instead;</li>
 * <li>release the hold and watch the counts converge.</li>
 * </ol>
 * Pod counts are sampled in etcd and in the API server's cache throughout.
 */
public final class StaleControllerScenario {

    static final String HOLD_RULE = "hold-pod-watch";
    static final String POD_PREFIX = "/registry/pods/";
    private static final Duration STEADY_TIMEOUT = Duration.ofMinutes(3);

    private final ScenarioCase scenarioCase;
    private final ScenarioTiming timing;
    private final Consumer<String> progress;
    private final Semaphore startPermit;

    /** startPermit: taken while the cluster starts (runs side by side start one at a time). */
    public StaleControllerScenario(ScenarioCase scenarioCase, ScenarioTiming timing, Consumer<String> progress,
                                   Semaphore startPermit) {
        this.scenarioCase = scenarioCase;
        this.timing = timing;
        this.progress = progress;
        this.startPermit = startPermit;
    }

    public ScenarioRun run() throws InterruptedException {
        StaleWorkload workload = scenarioCase.workload();
        Instant startedAt = Instant.now();
        say("starting a 3-node cluster behind the etcd interposer, " + workload.featureGate() + "=" + scenarioCase.gateOn());
        try (InterposedCluster started = InterposedCluster.start(workload.featureGate(), scenarioCase.gateOn(), startPermit, this::say);
             Client etcd = started.cluster().etcd().connect()) {
            EtcdInterposer interposer = started.interposer();
            KubernetesClient api = started.cluster().client();
            PodCounter counter = new PodCounter(etcd, api, workload);

            workload.create(api);
            await("the " + workload.kind() + "'s " + workload.initialPods() + " pods running", STEADY_TIMEOUT,
                    () -> counter.running() == workload.initialPods() && counter.inEtcd() == workload.initialPods());
            say("steady: " + workload.initialPods() + " pods running");

            try (PodCountRecorder recorder = new PodCountRecorder(counter, this::sayIfChanged)) {
                recorder.start(timing.sampleEvery());
                Thread.sleep(timing.sampleEvery().multipliedBy(2).toMillis());

                recorder.mark("hold", "held");
                interposer.rules().install(Rule.of(HOLD_RULE, Selector.watch(POD_PREFIX), Count.every(), new Action.HoldWatch()));
                say("pod watch held (" + POD_PREFIX + ")");

                recorder.mark("scale-up", "held");
                workload.scaleUp(api);
                long scaledAt = System.nanoTime();
                say("scaled up: the " + workload.kind() + " wants " + workload.desiredPods() + " pods; waiting "
                        + timing.hold().toSeconds() + " s, past the " + ScenarioTiming.EXPECTATIONS_TTL.toMinutes()
                        + "-minute expectations TTL");
                sleepUntil(scaledAt + timing.hold().toNanos());

                recorder.mark("sync-trigger", "triggered");
                workload.triggerSync(api, "after-" + timing.hold().toSeconds() + "s");
                say("annotated the " + workload.kind() + " to trigger a sync");
                Thread.sleep(timing.afterTrigger().toMillis());

                recorder.mark("release", "released");
                ActiveRule hold = interposer.rules().clear(HOLD_RULE);
                say("pod watch released");
                boolean converged = awaitQuietly(timing.converge(), () -> {
                    PodCountSample s = recorder.sample();
                    return s != null && s.inEtcd() == workload.desiredPods() && s.inApiCache() == workload.desiredPods();
                });
                if (converged) {
                    recorder.mark("converged", "converged");
                    // a few more samples show it stays there
                    Thread.sleep(timing.sampleEvery().multipliedBy(2).toMillis());
                }
                recorder.sample();
                recorder.close();

                long held = hold.evidence().stream()
                        .filter(f -> f.effect().startsWith("holding")).count();
                OverProvisioningCheck.Verdict verdict = OverProvisioningCheck.judge(workload, recorder.samples());
                ScenarioRun run = new ScenarioRun(scenarioCase, timing, recorder.samples(), recorder.marks(), held,
                        verdict.outcome(), verdict.symptoms(), startedAt, Instant.now());
                say(run.outcome() + ": pods in etcd " + run.etcdCounts() + ", in the API server's cache "
                        + run.apiCacheCounts() + " (desired " + run.desiredPods() + ")"
                        + (converged ? "" : "; NOT converged within " + timing.converge().toSeconds() + " s"));
                return run;
            }
        }
    }

    private long lastEtcd = -2;
    private long lastCache = -2;

    /** One progress line per change of a count, so a 5-minute hold does not print a hundred lines. */
    private synchronized void sayIfChanged(PodCountSample s) {
        if (s.inEtcd() != lastEtcd || s.inApiCache() != lastCache) {
            lastEtcd = s.inEtcd();
            lastCache = s.inApiCache();
            say(String.format("+%3ds %-9s pods in etcd %d, in the API server's cache %s", s.atMillis() / 1000, s.phase(),
                    s.inEtcd(), s.inApiCache() < 0 ? "?" : Long.toString(s.inApiCache())));
        }
    }

    private void say(String line) {
        progress.accept("[" + scenarioCase.label() + "] " + line);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        if (!awaitQuietly(timeout, condition)) {
            throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
        }
    }

    private static boolean awaitQuietly(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException e) {
                // the API server may answer an error while it catches up; ask again
            }
            Thread.sleep(1_000);
        }
        return false;
    }
}
