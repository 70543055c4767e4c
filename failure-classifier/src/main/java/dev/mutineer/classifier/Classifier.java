package dev.mutineer.classifier;

import dev.mutineer.classifier.observation.Offset;
import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.client.ClientView;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.rules.ApiHealthRule;
import dev.mutineer.classifier.rules.CannotStartPodsRule;
import dev.mutineer.classifier.rules.ClientRule;
import dev.mutineer.classifier.rules.CollateralDamageRule;
import dev.mutineer.classifier.rules.ComponentRule;
import dev.mutineer.classifier.rules.ControllerProgressRule;
import dev.mutineer.classifier.rules.Finding;
import dev.mutineer.classifier.rules.EndpointFlapRule;
import dev.mutineer.classifier.rules.LeakedWorkloadRule;
import dev.mutineer.classifier.rules.NodeRule;
import dev.mutineer.classifier.rules.OrphanPodRule;
import dev.mutineer.classifier.rules.OrphanedObjectRule;
import dev.mutineer.classifier.rules.OwnershipChangeRule;
import dev.mutineer.classifier.rules.PodChurnRule;
import dev.mutineer.classifier.rules.ResourceReadabilityRule;
import dev.mutineer.classifier.rules.RestartRule;
import dev.mutineer.classifier.rules.RuleInput;
import dev.mutineer.classifier.rules.ServiceEndpointsRule;
import dev.mutineer.classifier.rules.ServiceRoutingRule;
import dev.mutineer.classifier.rules.SymptomRule;
import dev.mutineer.classifier.rules.WarningEventRule;
import dev.mutineer.classifier.rules.WorkloadReplicasRule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an observation, the golden baseline and the injection facts into one {@link Verdict}.
 *
 * <p>Two steps. First the symptom rules each look for one kind of deviation from the baseline; their findings,
 * one per sample, fold into symptoms with evidence. Then the precedence rules below are tried in order and the
 * first that applies decides the primary class:
 * <ol>
 *   <li>NOT_ACTIVATED: the injector says the fault never took effect (symptoms are still recorded).</li>
 *   <li>CLUSTER_WIDE: any cluster-wide symptom, even one that recovered.</li>
 *   <li>TRANSIENT: decisive symptoms appeared, and none is left in the last sample; the reason says how long the
 *       effect lasted (first symptom to the first clean sample), as the verdict's times do.</li>
 *   <li>SERVICE_NETWORKING when clients are still answered by another workload at the end
 *       ({@link SymptomKind#CLIENT_WRONG_WORKLOAD}). A pod relabelled into another workload's Service no longer matches
 *       its own controller's selector, so it is always released and replaced too (orphan, owner change: over-provisioning
 *       symptoms); that is how it got into the wrong Service, while what its clients get is answers from the wrong
 *       code, which no count of pods shows. The provisioning symptoms stay in the evidence.</li>
 *   <li>OVER_PROVISIONING: an over-provisioning symptom is present at the end. It wins over under-provisioning
 *       because a workload with extra pods often also has pods not yet ready, and the extra pods are the cause.</li>
 *   <li>UNDER_PROVISIONING: an under-provisioning symptom is present at the end. It wins over service networking
 *       because a Service loses endpoints when its pods go; that is a consequence, not a networking fault.</li>
 *   <li>SERVICE_NETWORKING: a service networking symptom is present at the end. Client errors and answers from
 *       the wrong workload are service networking symptoms: with every object looking healthy, the Service still
 *       fails its clients (see {@link ClientRule}).</li>
 *   <li>LATENT: no symptom, but the corrupted value is still stored.</li>
 *   <li>NO_EFFECT: otherwise.</li>
 * </ol>
 */
public final class Classifier {

    /** The symptom rules, all of which run on every observation. */
    private final List<SymptomRule> symptomRules = List.of(
            new ApiHealthRule(),
            new ResourceReadabilityRule(),
            new ComponentRule(),
            new NodeRule(),
            new WorkloadReplicasRule(),
            new CannotStartPodsRule(),
            new LeakedWorkloadRule(),
            new OrphanPodRule(),
            new ServiceEndpointsRule(),
            new ControllerProgressRule(),
            new RestartRule(),
            new WarningEventRule(),
            new ClientRule(),
            new PodChurnRule(),
            new OwnershipChangeRule(),
            new EndpointFlapRule(),
            new ServiceRoutingRule(),
            new OrphanedObjectRule());

    private final CollateralDamageRule collateral = new CollateralDamageRule();

    /** A precedence rule: a class and why, or empty when it does not apply. */
    private interface PrecedenceRule {
        Optional<Decision> decide(Facts facts);
    }

    private record Decision(Outcome outcome, String reason) {
    }

    private record Facts(InjectionFacts injection, List<Symptom> symptoms) {
        boolean anyDecisive() {
            return symptoms.stream().anyMatch(Symptom::decisive);
        }

        boolean atEnd(Outcome o) {
            return symptoms.stream().anyMatch(s -> s.indicates() == o && s.presentAtEnd());
        }

        long count(Outcome o) {
            return symptoms.stream().filter(s -> s.indicates() == o).count();
        }
    }

    /** In order of precedence; see the class comment. */
    private final List<PrecedenceRule> precedence = List.of(
            Classifier::notActivated,
            Classifier::clusterWide,
            Classifier::transientRecovered,
            Classifier::wrongWorkloadAtEnd,
            f -> presentAtEnd(f, Outcome.OVER_PROVISIONING),
            f -> presentAtEnd(f, Outcome.UNDER_PROVISIONING),
            f -> presentAtEnd(f, Outcome.SERVICE_NETWORKING),
            Classifier::latent,
            f -> Optional.of(new Decision(Outcome.NO_EFFECT, "no symptom and the corrupted value is not stored")));

    public Verdict classify(Observation observation, Baseline baseline, InjectionFacts injection) {
        if (observation.samples().isEmpty()) {
            throw new IllegalArgumentException("cannot classify an observation without samples (started "
                    + observation.startedAt() + ")");
        }
        RuleInput in = new RuleInput(observation, baseline, injection.target());
        List<Finding> findings = new ArrayList<>();
        symptomRules.forEach(r -> findings.addAll(r.check(in)));
        findings.addAll(collateral.check(in, findings));

        int last = observation.samples().size() - 1;
        List<Symptom> symptoms = fold(findings, last);
        Facts facts = new Facts(injection, symptoms);
        Decision decision = precedence.stream().map(r -> r.decide(facts)).flatMap(Optional::stream).findFirst()
                .orElseThrow();
        Long first = firstSymptom(findings);
        Long recovered = recovered(findings, observation);
        String reason = decision.reason();
        if (decision.outcome() == Outcome.TRANSIENT && first != null && recovered != null) {
            reason += "; the effect lasted " + Math.max(0, recovered - first) + "ms (first symptom at " + Offset.millis(first)
                    + ", clean from " + Offset.millis(recovered) + ")";
        }
        return new Verdict(decision.outcome(), decision.outcome() + ": " + reason, symptoms, first, recovered,
                ClientView.of(observation, baseline.clientBand()));
    }

    private static Optional<Decision> notActivated(Facts f) {
        return f.injection().activated() ? Optional.empty()
                : Optional.of(new Decision(Outcome.NOT_ACTIVATED, "the target vanished or the write was refused"));
    }

    private static Optional<Decision> clusterWide(Facts f) {
        long n = f.count(Outcome.CLUSTER_WIDE);
        return n == 0 ? Optional.empty()
                : Optional.of(new Decision(Outcome.CLUSTER_WIDE, n + " cluster-wide symptom(s)"));
    }

    private static Optional<Decision> transientRecovered(Facts f) {
        boolean anyAtEnd = f.symptoms().stream().anyMatch(s -> s.decisive() && s.presentAtEnd());
        return f.anyDecisive() && !anyAtEnd
                ? Optional.of(new Decision(Outcome.TRANSIENT, "every symptom was gone by the end of the window"))
                : Optional.empty();
    }

    private static Optional<Decision> wrongWorkloadAtEnd(Facts f) {
        boolean atEnd = f.symptoms().stream().anyMatch(s -> s.kind() == SymptomKind.CLIENT_WRONG_WORKLOAD && s.presentAtEnd());
        return atEnd ? Optional.of(new Decision(Outcome.SERVICE_NETWORKING,
                "clients are still answered by another workload at the end")) : Optional.empty();
    }

        private static Optional<Decision> presentAtEnd(Facts f, Outcome o) {
        return f.atEnd(o) ? Optional.of(new Decision(o, "symptom(s) still present at the end")) : Optional.empty();
    }

    private static Optional<Decision> latent(Facts f) {
        return f.injection().corruptedValueStored()
                ? Optional.of(new Decision(Outcome.LATENT, "no symptom, the corrupted value is still stored"))
                : Optional.empty();
    }

    /** Folds findings with the same kind, subject and signal into one symptom each; decisive ones first. */
    static List<Symptom> fold(List<Finding> findings, int lastSample) {
        Map<String, List<Finding>> groups = new LinkedHashMap<>();
        for (Finding f : findings) {
            groups.computeIfAbsent(f.kind() + "\u0000" + f.subject() + "\u0000" + f.signal(), k -> new ArrayList<>()).add(f);
        }
        List<Symptom> out = new ArrayList<>();
        for (List<Finding> g : groups.values()) {
            Finding first = g.stream().min(Comparator.comparingLong(Finding::t)).orElseThrow();
            Finding latest = g.stream().max(Comparator.comparingLong(Finding::t)).orElseThrow();
            boolean atEnd = g.stream().anyMatch(f -> f.sample() == lastSample);
            out.add(new Symptom(first.kind(), first.indicates(), first.subject(), first.signal(), trajectory(g),
                    first.expected(), first.t(), latest.t(), atEnd));
        }
        out.sort(Comparator.comparing((Symptom s) -> s.indicates() == null ? Integer.MAX_VALUE : s.indicates().ordinal())
                .thenComparingLong(Symptom::firstSeenMillis));
        return out;
    }

    /**
     * The values a symptom's signal took, in time order with repeats collapsed ("1->0->2"), so a dip that
     * recovered still shows how deep it went. Long histories keep the first two and the last two values.
     */
    static String trajectory(List<Finding> group) {
        List<String> values = new ArrayList<>();
        group.stream().sorted(Comparator.comparingLong(Finding::t)).map(Finding::value).forEach(v -> {
            if (values.isEmpty() || !values.get(values.size() - 1).equals(v)) {
                values.add(v);
            }
        });
        if (values.size() > 5) {
            List<String> shortened = new ArrayList<>(values.subList(0, 2));
            shortened.add("...");
            shortened.addAll(values.subList(values.size() - 2, values.size()));
            return String.join("->", shortened);
        }
        return String.join("->", values);
    }

    /**
     * The time of the first decisive finding, at the earliest the window's start: the history's watch starts just
     * before the first sample, so an event of the injection itself can carry a time below 0.
     */
    private static Long firstSymptom(List<Finding> findings) {
        return findings.stream().filter(f -> f.indicates() != null).mapToLong(f -> Math.max(0, f.t())).boxed()
                .min(Long::compare).orElse(null);
    }

    /** The time of the first sample after the last symptomatic one, if the window ended clean. */
    private static Long recovered(List<Finding> findings, Observation observation) {
        int lastSymptomatic = findings.stream().filter(f -> f.indicates() != null && f.sample() >= 0)
                .mapToInt(Finding::sample).max().orElse(-1);
        int last = observation.samples().size() - 1;
        if (lastSymptomatic < 0 || lastSymptomatic == last) {
            return null;
        }
        return observation.samples().get(lastSymptomatic + 1).t();
    }
}
