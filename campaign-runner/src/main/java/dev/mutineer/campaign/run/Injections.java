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
import dev.mutineer.injector.component.ComponentFaults;
import dev.mutineer.injector.inflight.ActiveRule;
import dev.mutineer.injector.inflight.EtcdInterposer;
import dev.mutineer.injector.inflight.Firing;
import dev.mutineer.injector.inflight.InflightFaults;
import dev.mutineer.injector.inflight.InflightRules;
import dev.mutineer.injector.inflight.Selector;
import dev.mutineer.injector.inject.AtRestInjector;
import dev.mutineer.injector.inject.InjectionRecord;
import dev.mutineer.cluster.resource.ResourceKind;
import dev.mutineer.cluster.resource.ResourceKinds;
import dev.mutineer.injector.inject.StoredValue;
import dev.mutineer.injector.operator.DeleteOperator;
import dev.mutineer.injector.spec.FaultCatalog;
import dev.mutineer.injector.spec.InjectionSpec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs golden runs and injections on a prepared cluster: restore the saved steady state, settle,
 * inject (the nemesis), observe the window, classify against the baseline (the checker).
 */
public final class Injections {

    private final CampaignCluster cluster;
    private final Duration settle;
    private final ObserverConfig observerConfig;
    private final AtRestInjector injector;
    private final Classifier classifier = new Classifier();
    private final SteadyStateReset reset;

    public Injections(CampaignCluster cluster, Duration window, Duration settle, ResetMode resetMode) {
        this.cluster = cluster;
        this.settle = settle;
        this.reset = new SteadyStateReset(cluster, resetMode);
        this.observerConfig = ObserverConfig.of(window).withNamespaces(cluster.namespaces());
        this.injector = new AtRestInjector(cluster.store(), cluster.prefix());
    }

    /** Puts the cluster back into its saved steady state; what is not (in words) goes into the record. */
    public List<String> reset() {
        return reset.reset();
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
        return run(spec, baseline, Map.of());
    }

    /**
     * One injection; {@code replayParameters} (a recorded injection's, see InjectionRecord#replayParameters) go over
     * the spec's parameters of an at-rest fault, so that a replay changes the field the recording changed.
     */
    public InjectionRun run(InjectionSpec spec, Baseline baseline, Map<String, String> replayParameters) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        List<String> notAtRest = reset();
        long t1 = System.nanoTime();
        Workload.sleep(settle);
        long t2 = System.nanoTime();
        FaultCatalog.Family family = FaultCatalog.family(spec.operator());
        InjectionRecord record = switch (family) {
            case AT_REST -> injector.inject(spec, replayParameters);
            case IN_FLIGHT -> installRule(spec);
            case COMPONENT -> ComponentFaults.apply(cluster.cluster(), spec.id(), spec.operator(), spec.target().name(),
                    spec.parameters());
        };
        long t3 = System.nanoTime();
        if (!record.injected()) {
            // Nothing reached etcd: there is nothing to watch, and the class is known without a window.
            return new InjectionRun(spec, record, null, notActivated(record), new PhaseTimes(ms(t0, t1), ms(t1, t2), ms(t2, t3), 0, 0),
                    started, Instant.now(), notAtRest);
        }
        Observation observation = observe();
        if (family == FaultCatalog.Family.IN_FLIGHT) {
            record = endRule(spec, record);
            if (!record.injected()) {
                return new InjectionRun(spec, record, observation, notActivated(record),
                        new PhaseTimes(ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t3, System.nanoTime()), 0), started, Instant.now(), notAtRest);
            }
        }
        Optional<StoredValue> atEnd = family == FaultCatalog.Family.AT_REST ? cluster.store().get(record.key()) : Optional.empty();
        long t4 = System.nanoTime();
        // Unchanged since the injector's write means the corrupted value is still what etcd holds
        // (for a deletion: the key is still gone).
        boolean deletion = spec.operator().equals(DeleteOperator.NAME);
        long revisionAfter = record.revisionAfter();
        // Only an at-rest fault leaves a corrupted value behind whose survival makes an injection LATENT.
        boolean corruptedStillStored = family == FaultCatalog.Family.AT_REST
                && (deletion ? atEnd.isEmpty() : atEnd.map(v -> v.modRevision() == revisionAfter).orElse(false));
        observation = observation.withStoredValueAtEnd(atEnd.map(v -> "sha256:" + sha256(v.value()) + " rev " + v.modRevision())
                .orElse("(absent)"));
        Verdict verdict = classifier.classify(observation, baseline,
                new InjectionFacts(classifierTarget(spec, record), true, corruptedStillStored));
        long t5 = System.nanoTime();
        return new InjectionRun(spec, record, observation, verdict,
                new PhaseTimes(ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t3, t4), ms(t4, t5)), started, Instant.now(), notAtRest);
    }

    /**
     * Installs the spec's rule on the interposer, aimed at the target object's key unless the fault names a
     * kind or prefix itself. The record is provisional: whether the rule fired is known when it ends.
     */
    private InjectionRecord installRule(InjectionSpec spec) {
        EtcdInterposer interposer = cluster.interposer().orElseThrow(() ->
                new IllegalStateException("in-flight fault " + spec.operator() + " but the cluster has no interposer"));
        Map<String, String> parameters = new TreeMap<>(spec.parameters());
        String key;
        if (parameters.containsKey("kind") || parameters.containsKey("prefix")) {
            key = parameters.containsKey("prefix") ? parameters.get("prefix") : Selector.prefixOf(parameters.get("kind"));
        } else if (!spec.target().name().isEmpty()) {
            key = ResourceKinds.require(spec.target().kind()).key(cluster.prefix(), spec.target().namespace(), spec.target().name());
            parameters.put("prefix", key);
        } else {
            key = Selector.prefixOf(spec.target().kind());
            parameters.put("kind", spec.target().kind());
        }
        interposer.rules().install(InflightFaults.rule(spec.id(), spec.operator(), parameters, spec.seed()));
        return new InjectionRecord(spec.id(), key, dev.mutineer.injector.inject.Outcome.INJECTED, "", 0, 0, "", "", "",
                List.of(), true, "", true, null, 1, Instant.now(), spec.operator() + " rule on " + key);
    }

    /** Clears the rule (held watch events go on) and tells from its evidence whether it ever acted. */
    private InjectionRecord endRule(InjectionSpec spec, InjectionRecord installed) {
        InflightRules rules = cluster.interposer().orElseThrow().rules();
        ActiveRule rule = rules.rule(spec.id()).orElseThrow();
        rules.clear(spec.id());
        List<Firing> evidence = rule.evidence();
        if (evidence.isEmpty()) {
            return new InjectionRecord(spec.id(), installed.key(), dev.mutineer.injector.inject.Outcome.NOT_ACTIVATED,
                    "no request matched the rule within the window", 0, 0, "", "", "", List.of(), true, "", true, null, 1,
                    installed.injectedAt(), installed.description());
        }
        Firing first = evidence.get(0);
        String description = installed.description() + ": " + evidence.size() + " firing(s), first " + first.method() + " "
                + first.key() + " at revision " + first.revision() + ": " + first.effect();
        return new InjectionRecord(spec.id(), first.key(), dev.mutineer.injector.inject.Outcome.INJECTED, "", 0,
                first.revision(), "", "", first.effect(), List.of(), true, "", true, null, evidence.size(), first.at(), description);
    }

    private static Verdict notActivated(InjectionRecord record) {
        return new Verdict(Outcome.NOT_ACTIVATED, "not activated: " + record.reason(), List.of(), null, null);
    }

    private Observation observe() {
        try (Observer observer = new Observer(cluster.cluster(), observerConfig)) {
            return observer.observe();
        }
    }

    /** The object actually written (a selector target resolves to one object only when injecting). */
    static dev.mutineer.classifier.Target classifierTarget(InjectionSpec spec, InjectionRecord record) {
        if (FaultCatalog.family(spec.operator()) != FaultCatalog.Family.AT_REST) {
            // A rule or a process fault: the spec's own target (a component, or the object the rule aims at).
            String name = spec.target().name().isEmpty() ? "[" + spec.target().selector() + "]" : spec.target().name();
            return new dev.mutineer.classifier.Target(spec.target().kind(), spec.target().namespace(), name);
        }
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
