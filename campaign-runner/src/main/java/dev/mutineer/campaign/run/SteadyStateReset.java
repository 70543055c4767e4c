package dev.mutineer.campaign.run;

import dev.mutineer.campaign.ResetMode;
import dev.mutineer.cluster.Cluster;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.SteadyState;
import dev.mutineer.cluster.node.NodeContainer;
import dev.mutineer.cluster.resource.ResourceKind;
import dev.mutineer.cluster.resource.ResourceKinds;
import dev.mutineer.injector.inject.StoredValue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Puts a campaign's cluster back into its saved steady state before each run, and says in words what is not:
 * restore failures, what did not come to rest, and drift (objects of the workload that are not the saved ones).
 * What it returns goes into the injection's record.
 */
final class SteadyStateReset {

    /** Each reset's {@link ResetTimings}, at debug level: one line per injection would crowd a campaign's output. */
    private static final Logger LOG = LoggerFactory.getLogger(SteadyStateReset.class);

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final int RESTORE_ATTEMPTS = 3;
    /**
     * Between two rounds of checks. Short, because the wait's end is a cost of every injection; a round's checks are
     * a few API lists and one containerd listing per real node, which the machine affords ten times a second.
     */
    static final Duration PAUSE = Duration.ofMillis(100);

    private final CampaignCluster cluster;
    private final ResetMode mode;
    private final PrintStream log;
    /** Runs after every restore; tests use it to act like a controller that recreates what the restore removed. */
    private final Runnable afterRestore;
    /** What the wait after a restore waits for. */
    private final List<AtRestCondition> conditions;
    /** The kinds faults were injected into on this cluster: only a fault's write can leave an {@link ApiPhantoms phantom}. */
    private final Set<ResourceKind> injectedKinds = new LinkedHashSet<>();

    SteadyStateReset(CampaignCluster cluster, ResetMode mode) {
        this(cluster, mode, System.err, () -> { });
    }

    SteadyStateReset(CampaignCluster cluster, ResetMode mode, PrintStream log, Runnable afterRestore) {
        this(cluster, mode, log, afterRestore, () -> 1.0);
    }

    /** {@code trafficThreshold}: the share of client requests that must succeed again (the golden runs' worst second). */
    SteadyStateReset(CampaignCluster cluster, ResetMode mode, PrintStream log, Runnable afterRestore,
                     java.util.function.DoubleSupplier trafficThreshold) {
        this(cluster, mode, log, afterRestore, AtRestConditions.standard(cluster, trafficThreshold));
    }

    SteadyStateReset(CampaignCluster cluster, ResetMode mode, PrintStream log, Runnable afterRestore,
                     List<AtRestCondition> conditions) {
        this.cluster = cluster;
        this.mode = mode;
        this.log = log;
        this.afterRestore = afterRestore;
        this.conditions = List.copyOf(conditions);
    }

    /**
     * Restores the saved steady state and waits until the cluster is at rest again ({@link AtRestConditions#standard}):
     * every component running, every workload available, every Service's ready endpoints naming exactly its ready
     * pods, and on real nodes every pod's containers running and ready, with nothing left running of a pod the
     * restore removed (kubelet stops and starts containers after the keys change, not with them). The restore puts
     * the keys back at once, but the controllers' caches converge afterwards; an injection that started before
     * that would be judged on the previous injection's leftovers (seen in replays: endpoints still naming pods of
     * a ReplicaSet the previous fault had replaced). Gives up after {@link #TIMEOUT} with what is not at rest.
     * With {@link ResetMode#RESTART_CONTROLLERS} the controllers and the scheduler are stopped while the keys are
     * written and started afterwards, so that what they keep in memory is built from the restored objects only. In
     * either mode the kubelets are held down too when a saved pod of a real node was terminated
     * ({@link TerminatedPods}): no running kubelet would run it again. When the EndpointSlice controller wrote slices
     * while the cluster came to rest, kube-controller-manager is restarted once more on the cluster at rest, so that
     * every injection starts with a controller that has written nothing yet (what it wrote decides whether it
     * recreates a deleted slice).
     *
     * <p>Counts at rest do not prove the objects are the saved ones, so the workload's objects are then compared
     * with the saved ones by UID. On drift the reset is done again, harder (restore, which deletes every key the
     * steady state lacks, and restart the controllers whatever the mode); the drift found is recorded either way,
     * marked as cleared or as remaining.
     */
    List<String> reset() {
        Attempt first = restoreAndWait(mode);
        List<String> drift = timedDrift(first);
        if (drift.isEmpty()) {
            followMovedSandboxes(first);
            return first.record();
        }
        log.println("reset: the cluster is not the saved steady state, resetting again: " + String.join("; ", drift));
        Attempt second = restoreAndWait(ResetMode.RESTART_CONTROLLERS);
        List<String> remaining = timedDrift(second);
        if (!remaining.isEmpty()) {
            log.println("reset: still not the saved steady state: " + String.join("; ", remaining));
        } else {
            followMovedSandboxes(second);
        }
        List<String> record = new ArrayList<>(first.restoreFailures());
        drift.forEach(d -> record.add(d + (remaining.isEmpty() ? " (cleared by a second reset)" : "")));
        remaining.forEach(d -> record.add(d + " (remains after a second reset)"));
        // What the first wait saw is superseded by the second one's.
        record.addAll(second.record());
        return List.copyOf(record);
    }

    /**
     * On a cluster at rest with no drift, adopts into the steady state the pods whose sandbox a kubelet replaced
     * (a new IP) and the slices naming them ({@link MovedSandboxes}); otherwise every later restore writes the old
     * IPs back and clients time out on them until kubelet and the EndpointSlice controller write the new ones again.
     */
    private void followMovedSandboxes(Attempt attempt) {
        if (!attempt.notAtRest().isEmpty() || cluster.savedRealPods().isEmpty()) {
            return;
        }
        SteadyState saved = cluster.cluster().steadyState().orElse(null);
        if (saved == null) {
            return;
        }
        try {
            MovedSandboxes.Adoption adoption = MovedSandboxes.of(cluster.prefix(), cluster.namespaces(), saved::savedUnder,
                    keyPrefix -> SteadyStateDrift.byKey(cluster.store().list(keyPrefix)));
            if (!adoption.isEmpty()) {
                LOG.debug("reset: the steady state follows moved sandboxes: {}", String.join("; ", adoption.moves()));
                cluster.cluster().adoptIntoSteadyState(adoption.values());
            }
        } catch (RuntimeException e) {
            log.println("reset: cannot compare the pods' IPs with the steady state's: " + e.getMessage());
        }
    }

    /** Says that a fault was injected into an object of this kind, whose phantoms the resets from now on look for. */
    void injected(String kind) {
        ResourceKinds.find(kind).ifPresent(injectedKinds::add);
    }

    /**
     * Removes the API server's {@link ApiPhantoms phantoms} of these kinds: before the restore, because the restore
     * puts keys back but cannot reach what the watch cache holds under no key, and a controller that lists a phantom
     * beside the restored object acts on both. Returns the kinds the API could not list (a fault can leave a kind
     * unreadable until the restore), for a second look after it.
     */
    private List<ResourceKind> purgePhantoms(Collection<ResourceKind> kinds) {
        List<ResourceKind> unlisted = new ArrayList<>();
        for (ResourceKind kind : kinds) {
            List<ApiPhantoms.Phantom> phantoms;
            try {
                phantoms = ApiPhantoms.of(cluster.cluster().client(), cluster.store(), cluster.prefix(), kind);
            } catch (RuntimeException e) {
                unlisted.add(kind);
                LOG.debug("reset: cannot list {} to look for phantoms: {}", kind.resource(), ApiPhantoms.describe(e));
                continue;
            }
            for (ApiPhantoms.Phantom p : phantoms) {
                boolean purged = ApiPhantoms.purge(cluster.store(), cluster.prefix(), p);
                log.println("reset: the API server served " + p + ", which no etcd key holds (a fault changed a stored"
                        + " object's name or namespace): " + (purged ? "removed from its cache" : "cannot remove it"));
            }
        }
        return unlisted;
    }

    /** {@link #drift()} after {@code attempt}, whose timings it logs with its own. */
    private List<String> timedDrift(Attempt attempt) {
        long t0 = System.nanoTime();
        List<String> drift = drift();
        if (LOG.isDebugEnabled()) {
            LOG.debug(attempt.timings().withDrift((System.nanoTime() - t0) / 1_000_000).line());
        }
        return drift;
    }

    /**
     * One restore and wait: the restore attempts that failed, what was not at rest when the wait ended, and where the
     * time went.
     */
    private record Attempt(List<String> restoreFailures, List<String> notAtRest, ResetTimings timings) {

        List<String> record() {
            List<String> out = new ArrayList<>(restoreFailures);
            out.addAll(notAtRest);
            return out;
        }
    }

    /** What {@link ResetMode#RESTART_CONTROLLERS} restarts: the components that act on what they keep in memory. */
    static final List<Component> CONTROLLERS = List.of(Component.CONTROLLER_MANAGER, Component.SCHEDULER);

    private Attempt restoreAndWait(ResetMode how) {
        long t0 = System.nanoTime();
        // Held down through the write, not restarted after it: seen in CI, a ReplicaSet controller running through the
        // restore saw the replacement pod go before the saved one came back and created a third pod, which the
        // restarted controller then scaled away by deleting a saved pod.
        List<Component> heldDown = new ArrayList<>(how == ResetMode.RESTART_CONTROLLERS ? CONTROLLERS : List.of());
        List<String> terminated = terminatedPods();
        if (!terminated.isEmpty()) {
            heldDown.add(Component.KUBELET);
            LOG.debug("reset: kubelets held down through the restore, for {}", terminated);
        }
        List<ResourceKind> unlisted = purgePhantoms(injectedKinds);
        List<String> restoreFailures = restoreWithRetries(heldDown);
        for (ResourceKind kind : purgePhantoms(unlisted)) {
            log.println("reset: cannot list " + kind.resource() + " after the restore, to look for objects the API server"
                    + " serves under no etcd key");
        }
        Instant restoredAt = Instant.now();
        afterRestore.run();
        long restored = System.nanoTime();
        ResetTimings.Recorder recorder = new ResetTimings.Recorder(restored);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        ExecutorService checks = Executors.newFixedThreadPool(conditions.size(), r -> {
            Thread t = new Thread(r, "mutineer-reset-check");
            t.setDaemon(true);
            return t;
        });
        try {
            List<String> notSteady = waitAtRest(checks, restoredAt, recorder, deadline);
            boolean restartedAtRest = false;
            if (how == ResetMode.RESTART_CONTROLLERS && notSteady.isEmpty() && slicesRewritten()
                    && cluster.cluster().components().contains(Component.CONTROLLER_MANAGER)) {
                // The EndpointSlice controller deletes and recreates a slice only if it wrote that slice since it
                // started (its tracker); one that wrote slices during the wait would answer the next fault otherwise
                // than one that did not. Started again on the cluster at rest, it has written nothing.
                cluster.cluster().restart(Component.CONTROLLER_MANAGER);
                restartedAtRest = true;
                notSteady = waitAtRest(checks, restoredAt, recorder, deadline);
            }
            long end = System.nanoTime();
            return new Attempt(restoreFailures, notSteady,
                    recorder.done(ms(restored - t0), heldDown, restartedAtRest, ms(end - restored)));
        } finally {
            checks.shutdownNow();
        }
    }

    /** Rounds of checks until every condition is met or the deadline passed; what was not met in the last one. */
    private List<String> waitAtRest(ExecutorService checks, Instant restoredAt, ResetTimings.Recorder recorder, long deadline) {
        while (true) {
            List<String> notSteady = notAtRest(checks, restoredAt, recorder);
            if (notSteady.isEmpty() || System.nanoTime() > deadline) {
                return notSteady;
            }
            Workload.sleep(PAUSE);
        }
    }

    /**
     * Whether the workload's EndpointSlices in etcd are not the saved ones: the restore put the saved ones back, so
     * the controller wrote them (each write bumps a slice's generation) or created others since. Unreadable counts as
     * rewritten.
     */
    private boolean slicesRewritten() {
        SteadyState saved = cluster.cluster().steadyState().orElse(null);
        if (saved == null) {
            return false;
        }
        try {
            for (String ns : cluster.namespaces()) {
                String keyPrefix = cluster.prefix() + "/endpointslices/" + ns + "/";
                Map<String, byte[]> want = saved.savedUnder(keyPrefix);
                List<StoredValue> now = cluster.store().list(keyPrefix);
                if (now.size() != want.size()
                        || now.stream().anyMatch(v -> !Arrays.equals(v.value(), want.get(v.key())))) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    /**
     * {@link TerminatedPods} now; when the cluster cannot say (the pod API refuses a fault's object), every saved pod
     * counts as one, since a stuck pod costs a reset more than a kubelet restart does.
     */
    private List<String> terminatedPods() {
        List<NodeContainer> saved = cluster.savedRealPods();
        if (saved.isEmpty()) {
            return List.of();
        }
        try {
            return TerminatedPods.of(saved, cluster.cluster().client().pods().inAnyNamespace().list().getItems(),
                    cluster.cluster().realNodeContainers());
        } catch (RuntimeException e) {
            return List.of("cannot tell which pods kubelets terminated: " + e.getMessage());
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /**
     * A restore can fail its readiness check when putting the keys back crashes a component: moving pods back to
     * their saved nodes made kube-scheduler exit ("scheduler cache is corrupted") after a nodeName fault. The
     * next attempt restarts the component (restoreSteadyState restarts whatever is down) and finds nothing left
     * to write; only when every attempt fails does the campaign stop (what was recorded stays, --resume goes on).
     * Each failed attempt is logged and returned, for the record.
     */
    private List<String> restoreWithRetries(List<Component> heldDown) {
        return restoreWithRetries(() -> cluster.cluster().restoreSteadyState(heldDown), RESTORE_ATTEMPTS, log);
    }

    static List<String> restoreWithRetries(Runnable restore, int attempts, PrintStream log) {
        List<String> failures = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            try {
                restore.run();
                return failures;
            } catch (RuntimeException e) {
                String failure = "restore attempt " + attempt + " of " + attempts + " failed: " + e.getMessage();
                log.println("reset: " + failure);
                if (attempt == attempts) {
                    throw e;
                }
                failures.add(failure);
            }
        }
    }

    /**
     * One round: every condition checked at once (each is a few API lists or a containerd listing; in sequence they
     * added up), what is not met in the conditions' order.
     */
    private List<String> notAtRest(ExecutorService checks, Instant restoredAt, ResetTimings.Recorder recorder) {
        List<Future<Check>> round = new ArrayList<>();
        for (AtRestCondition c : conditions) {
            round.add(checks.submit(() -> Check.of(c, restoredAt)));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < round.size(); i++) {
            Check check = await(round.get(i), conditions.get(i));
            recorder.checked(conditions.get(i).name(), check.endNanos(), check.tookNanos(), check.notMet());
            out.addAll(check.notMet());
        }
        recorder.roundDone();
        return out;
    }

    /** One condition's check: what it found, when it ended and how long it took ({@link System#nanoTime}). */
    private record Check(List<String> notMet, long endNanos, long tookNanos) {

        static Check of(AtRestCondition c, Instant restoredAt) {
            long t0 = System.nanoTime();
            List<String> notMet;
            try {
                notMet = c.notMet(restoredAt);
            } catch (RuntimeException e) {
                notMet = List.of(c.name() + ": " + e);
            }
            long t1 = System.nanoTime();
            return new Check(notMet, t1, t1 - t0);
        }
    }

    private static Check await(Future<Check> check, AtRestCondition c) {
        try {
            return check.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + c.name(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("checking " + c.name() + " failed", e.getCause());
        }
    }

    /** The workload's objects in etcd against the saved ones; empty when they are the same or nothing was saved. */
    List<String> drift() {
        Cluster c = cluster.cluster();
        SteadyState saved = c.steadyState().orElse(null);
        if (saved == null) {
            return List.of();
        }
        try {
            return SteadyStateDrift.between(
                    SteadyStateDrift.incarnations(cluster.prefix(), cluster.namespaces(), saved::savedUnder),
                    SteadyStateDrift.incarnations(cluster.prefix(), cluster.namespaces(),
                            keyPrefix -> SteadyStateDrift.byKey(cluster.store().list(keyPrefix))));
        } catch (RuntimeException e) {
            return List.of("drift: cannot compare with the steady state: " + e.getMessage());
        }
    }
}
