package dev.mutineer.campaign.run;

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
import dev.mutineer.injector.inject.AtRestInjector;
import dev.mutineer.injector.inject.InjectionRecord;
import dev.mutineer.injector.inject.ResourceKind;
import dev.mutineer.injector.inject.ResourceKinds;
import dev.mutineer.injector.inject.StoredValue;
import dev.mutineer.injector.operator.DeleteOperator;
import dev.mutineer.injector.spec.InjectionSpec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Runs golden runs and injections on a prepared cluster: restore the saved steady state, settle,
 * inject (the nemesis), observe the window, classify against the baseline (the checker).
 */
public final class Injections {

    static final Duration RESET_TIMEOUT = Duration.ofSeconds(60);

    private final CampaignCluster cluster;
    private final Duration settle;
    private final ObserverConfig observerConfig;
    private final AtRestInjector injector;
    private final Classifier classifier = new Classifier();

    public Injections(CampaignCluster cluster, Duration window, Duration settle) {
        this.cluster = cluster;
        this.settle = settle;
        this.observerConfig = ObserverConfig.of(window).withNamespaces(cluster.namespaces());
        this.injector = new AtRestInjector(cluster.store(), cluster.prefix());
    }

    /**
     * Restores the saved steady state and waits until the cluster is at rest again: every component running,
     * every workload available, every Service's ready endpoints naming exactly its ready pods. The restore puts
     * the keys back at once, but the controllers' caches converge afterwards; an injection that started before
     * that would be judged on the previous injection's leftovers (seen in replays: endpoints still naming pods of
     * a ReplicaSet the previous fault had replaced). Gives up after {@link #RESET_TIMEOUT} with what is not at rest.
     */
    public List<String> reset() {
        cluster.cluster().restoreSteadyState();
        long deadline = System.nanoTime() + RESET_TIMEOUT.toNanos();
        List<String> notSteady;
        while (true) {
            notSteady = notAtRest();
            if (notSteady.isEmpty() || System.nanoTime() > deadline) {
                return notSteady;
            }
            Workload.sleep(Duration.ofMillis(250));
        }
    }

    private List<String> notAtRest() {
        List<String> out = new ArrayList<>();
        for (Component c : cluster.cluster().components()) {
            ComponentState state = cluster.cluster().state(c);
            if (state != ComponentState.RUNNING) {
                out.add(c + " " + state);
            }
        }
        try {
            out.addAll(Workload.notSteady(cluster.cluster().client(), new java.util.LinkedHashSet<>(cluster.namespaces())));
        } catch (RuntimeException e) {
            out.add("API error: " + e.getMessage());
        }
        return out;
    }

    /** One fault-free run: reset, settle, observe. */
    public Observation golden() {
        reset();
        Workload.sleep(settle);
        return observe();
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
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        List<String> notAtRest = reset();
        long t1 = System.nanoTime();
        Workload.sleep(settle);
        long t2 = System.nanoTime();
        InjectionRecord record = injector.inject(spec);
        long t3 = System.nanoTime();
        if (!record.injected()) {
            // Nothing reached etcd: there is nothing to watch, and the class is known without a window.
            Verdict verdict = new Verdict(Outcome.NOT_ACTIVATED, "not activated: " + record.reason(), List.of(), null, null);
            return new InjectionRun(spec, record, null, verdict, new PhaseTimes(ms(t0, t1), ms(t1, t2), ms(t2, t3), 0, 0),
                    started, Instant.now(), notAtRest);
        }
        Observation observation = observe();
        Optional<StoredValue> atEnd = cluster.store().get(record.key());
        long t4 = System.nanoTime();
        // Unchanged since the injector's write means the corrupted value is still what etcd holds
        // (for a deletion: the key is still gone).
        boolean deletion = spec.operator().equals(DeleteOperator.NAME);
        boolean corruptedStillStored = deletion ? atEnd.isEmpty()
                : atEnd.map(v -> v.modRevision() == record.revisionAfter()).orElse(false);
        observation = observation.withStoredValueAtEnd(atEnd.map(v -> "sha256:" + sha256(v.value()) + " rev " + v.modRevision())
                .orElse("(absent)"));
        Verdict verdict = classifier.classify(observation, baseline,
                new InjectionFacts(classifierTarget(spec, record), true, corruptedStillStored));
        long t5 = System.nanoTime();
        return new InjectionRun(spec, record, observation, verdict,
                new PhaseTimes(ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t3, t4), ms(t4, t5)), started, Instant.now(), notAtRest);
    }

    private Observation observe() {
        try (Observer observer = new Observer(cluster.cluster(), observerConfig)) {
            return observer.observe();
        }
    }

    /** The object actually written (a selector target resolves to one object only when injecting). */
    static dev.mutineer.classifier.Target classifierTarget(InjectionSpec spec, InjectionRecord record) {
        ResourceKind kind = ResourceKinds.require(spec.target().kind());
        String name = record.key().isEmpty() ? spec.target().name() : record.key().substring(record.key().lastIndexOf('/') + 1);
        return new dev.mutineer.classifier.Target(kind.kind(), spec.target().namespace(), name);
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
