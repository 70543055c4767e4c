package dev.mutineer.campaign.run;

import dev.mutineer.campaign.ResetMode;
import dev.mutineer.classifier.Classifier;
import dev.mutineer.classifier.InjectionFacts;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.Verdict;
import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.baseline.BaselineLearner;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.observe.Observer;
import dev.mutineer.classifier.observe.ObserverConfig;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;
import dev.mutineer.injector.fault.ActiveFault;
import dev.mutineer.cluster.ComponentControl;
import dev.mutineer.injector.fault.Fault;
import dev.mutineer.injector.fault.FaultContext;
import dev.mutineer.injector.fault.Faults;
import dev.mutineer.injector.fault.InjectionTimers;
import dev.mutineer.injector.inject.AtRestInjector;
import dev.mutineer.injector.inject.FaultEvidence;
import dev.mutineer.injector.inject.Redaction;
import dev.mutineer.injector.inject.Sensitivity;
import dev.mutineer.injector.inflight.ActiveRule;
import dev.mutineer.injector.inflight.EtcdInterposer;
import dev.mutineer.injector.inflight.Firing;
import dev.mutineer.injector.inflight.InflightRules;
import dev.mutineer.injector.inflight.Selector;
import dev.mutineer.cluster.resource.ResourceKind;
import dev.mutineer.cluster.resource.ResourceKinds;
import dev.mutineer.injector.inject.StoredValue;
import dev.mutineer.injector.spec.InjectionSpec;
import dev.mutineer.injector.spec.Target;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs golden runs and injections on a prepared cluster: restore the saved steady state, settle,
 * inject (the nemesis), observe the window, classify against the baseline (the checker).
 */
public final class InjectionRunner {

    private final CampaignCluster cluster;
    private final Duration settle;
    private final ObserverConfig observerConfig;
    private final AtRestInjector injector;
    private final Classifier classifier = new Classifier();
    private final SteadyStateReset reset;
    /** The share of client requests the reset waits for: every one until the golden runs tell their worst second. */
    private volatile double trafficThreshold = 1.0;
    private final Sensitivity sensitivity;

    /** A runner that hides a Secret's data only (see {@link Sensitivity#SECRETS}). */
    public InjectionRunner(CampaignCluster cluster, Duration window, Duration settle, ResetMode resetMode) {
        this(cluster, window, settle, resetMode, Sensitivity.SECRETS);
    }

    /** A runner whose records hold the values {@code sensitivity} covers only as tokens ({@link Redaction}). */
    public InjectionRunner(CampaignCluster cluster, Duration window, Duration settle, ResetMode resetMode, Sensitivity sensitivity) {
        this.sensitivity = sensitivity;
        this.cluster = cluster;
        this.settle = settle;
        this.reset = new SteadyStateReset(cluster, resetMode, System.err, () -> { }, () -> trafficThreshold);
        this.observerConfig = ObserverConfig.of(window).withNamespaces(cluster.namespaces());
        this.injector = new AtRestInjector(cluster.store(), cluster.prefix());
    }

    /** Puts the cluster back into its saved steady state; what is not (in words) goes into the record. */
    public List<String> reset() {
        return reset.reset();
    }

    /** One fault-free run: reset, settle, observe; the same steps as {@link #run}, with no fault written. */
    public Observation golden() {
        reset();
        try (Observer observer = observer()) {
            Workload.sleep(settle);
            return observer.readyForFault().observe();
        }
    }

    /** {@code runs} golden runs and the baseline learned from them. */
    public Baseline learnBaseline(int runs) {
        List<Observation> golden = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            golden.add(golden());
        }
        return BaselineLearner.learn(golden);
    }

    public InjectionRun run(InjectionSpec spec, Baseline baseline) {
        return run(spec, baseline, Map.of());
    }

    /**
     * One injection; {@code replayParameters} (a recorded injection's, see FaultEvidence#replayParameters) go over
     * the spec's parameters of an at-rest fault, so that a replay changes the field the recording changed. Whatever
     * the fault, the same steps: inject, observe, end it, ask it what it did and whether its corruption is still stored.
     */
    public InjectionRun run(InjectionSpec spec, Baseline baseline, Map<String, String> replayParameters) {
        if (baseline.client() != null) {
            trafficThreshold = Math.min(1.0, baseline.client().minSecondAvailability());
        }
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        List<String> notAtRest = reset();
        long t1 = System.nanoTime();
        Fault fault = Faults.byName(spec.operator());
        // The fault's timers end with the injection: none may act during the next one. The history's watches open
        // before the settle time, which their first lists then overlap, so they see the fault from its write on.
        try (InjectionTimers timers = InjectionTimers.create(); Observer observer = observer()) {
            Workload.sleep(settle);
            observer.readyForFault();
            long t2 = System.nanoTime();
            ActiveFault active = fault.inject(context(timers, replayParameters), spec);
            long t3 = System.nanoTime();
            if (spec.target() != null && spec.target().kind() != null) {
                reset.injected(spec.target().kind());
            }
            if (!active.activated()) {
                // Nothing took effect: there is nothing to watch, and the class is known without a window.
                active.end();
                FaultEvidence record = evidence(active, spec);
                return new InjectionRun(spec, record, null, notActivated(record),
                        new PhaseTimes(ms(t0, t1), ms(t1, t2), ms(t2, t3), 0, 0), started, Instant.now(), notAtRest, false);
            }
            Observation observation = observer.observe();
            active.end();
            FaultEvidence record = evidence(active, spec);
            if (!record.injected()) {
                // A rule that never fired within the window.
                return new InjectionRun(spec, record, observation, notActivated(record),
                        new PhaseTimes(ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t3, System.nanoTime()), 0), started, Instant.now(), notAtRest,
                        false);
            }
            Optional<StoredValue> atEnd = active.storedAtEnd();
            boolean corruptedStillStored = active.corruptedStillStored();
            long t4 = System.nanoTime();
            observation = observation.withStoredValueAtEnd(atEnd.map(v -> "sha256:" + sha256(v.value()) + " rev " + v.modRevision())
                    .orElse("(absent)"));
            Verdict verdict = classifier.classify(observation, baseline,
                    new InjectionFacts(injectedObject(spec, record), true, corruptedStillStored));
            long t5 = System.nanoTime();
            return new InjectionRun(spec, record, observation, verdict,
                    new PhaseTimes(ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t3, t4), ms(t4, t5)), started, Instant.now(), notAtRest,
                    corruptedStillStored);
        }
    }

    /** What the fault did, fit to record: everything downstream (journal, reports, logs) sees only this. */
    private FaultEvidence evidence(ActiveFault active, InjectionSpec spec) {
        return Redaction.of(active.record(), spec.target().kind(), sensitivity);
    }

    private FaultContext context(InjectionTimers timers, Map<String, String> replayParameters) {
        return new FaultContext(injector, cluster.store(), cluster.prefix(), cluster.interposer(),
                cluster.cluster(), timers, replayParameters);
    }

    private static Verdict notActivated(FaultEvidence record) {
        return new Verdict(Outcome.NOT_ACTIVATED, "not activated: " + record.reason(), List.of(), null, null);
    }

    /** An observer whose history records from now on. */
    private Observer observer() {
        return new Observer(cluster.cluster(), observerConfig, cluster.traffic().orElse(null)).startHistory();
    }

    /** The object or process the injection struck, as the classifier names it. */
    static dev.mutineer.classifier.InjectedObject injectedObject(InjectionSpec spec, FaultEvidence record) {
        Target struck = Faults.byName(spec.operator()).struck(spec, record);
        String name = struck.name().isEmpty() ? "[" + struck.selector() + "]" : struck.name();
        return new dev.mutineer.classifier.InjectedObject(struck.kind(), struck.namespace(), name);
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
