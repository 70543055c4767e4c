package dev.mutineer.classifier;

import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.baseline.BaselineLearner;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.observation.ObservationJson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pods whose containers cannot start (rules.CannotStartPodsRule, and WorkloadReplicasRule leaving them out of the
 * excess), on the constructed world of {@link World}: Deployment default/web, 3 replicas.
 */
class CannotStartPodsTest {

    private static final InjectionFacts WEB = new InjectionFacts(new InjectedObject("Deployment", "default", "web"), true, true);
    private static final int N = 12;

    private final Classifier classifier = new Classifier();
    private final Baseline baseline = BaselineLearner.learn(List.of(World.steady(new World(), N), World.steady(new World(), N)));

    /** A rollout of web to an image the node does not have: maxSurge 1, maxUnavailable 0, the old pods keep serving. */
    private static UnaryOperator<World> stuckRollout(int newPods, String reason) {
        return w -> {
            w.webCurrent = 3 + newPods;
            w.webPods = 3 + newPods;
            w.webNewRevisionPods = newPods;
            w.webNewRevisionWaiting = reason;
            return w;
        };
    }

    private static List<Symptom> ofKind(Verdict v, SymptomKind kind) {
        return v.symptoms().stream().filter(s -> s.kind() == kind).toList();
    }

    @Test
    void aRolloutStuckOnAMissingImageIsUnderProvisioningWithThePodAndItsReason() {
        Verdict v = classifier.classify(World.changedAt(3, N, stuckRollout(1, "ErrImageNeverPull")), baseline, WEB);

        assertThat(v.outcome()).as(v.toString()).isEqualTo(Outcome.UNDER_PROVISIONING);
        assertThat(ofKind(v, SymptomKind.PODS_ABOVE_GOLDEN)).as("a pod that cannot start is no excess").isEmpty();
        List<Symptom> stuck = ofKind(v, SymptomKind.PODS_CANNOT_START);
        assertThat(stuck).allSatisfy(s -> {
            assertThat(s.subject()).isEqualTo("Deployment/default/web");
            assertThat(s.indicates()).isEqualTo(Outcome.UNDER_PROVISIONING);
            assertThat(s.firstSeenMillis()).isEqualTo(3000L);
            assertThat(s.presentAtEnd()).isTrue();
        });
        assertThat(stuck).extracting(Symptom::signal, Symptom::value, Symptom::expected).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("pods that cannot start", "1", "0"),
                org.assertj.core.groups.Tuple.tuple("pod web-9e1c-0", "ErrImageNeverPull", "running"));
    }

    @Test
    void everyReasonThatDoesNotPassByWaitingCounts() {
        for (String reason : List.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CreateContainerConfigError",
                "CreateContainerError", "CrashLoopBackOff", "RunContainerError")) {
            Verdict v = classifier.classify(World.changedAt(3, N, stuckRollout(1, reason)), baseline, WEB);
            assertThat(v.outcome()).as(reason + ": " + v).isEqualTo(Outcome.UNDER_PROVISIONING);
            assertThat(ofKind(v, SymptomKind.PODS_CANNOT_START)).extracting(Symptom::value).contains(reason);
        }
    }

    @Test
    void aPodOnItsOrdinaryWayToRunningIsNoneOfThem() {
        // ContainerCreating is how every pod starts: the extra pod counts as it always did.
        Verdict v = classifier.classify(World.changedAt(3, N, stuckRollout(1, "ContainerCreating")), baseline, WEB);
        assertThat(ofKind(v, SymptomKind.PODS_CANNOT_START)).isEmpty();
        assertThat(v.outcome()).isEqualTo(Outcome.OVER_PROVISIONING);
    }

    @Test
    void excessPodsThatRunAreStillOverProvisioning() {
        // Two extra pods of which one cannot start: the other runs as excess.
        Verdict v = classifier.classify(World.changedAt(3, N, w -> {
            stuckRollout(1, "ErrImagePull").apply(w);
            w.webCurrent = 5;
            w.webPods = 5;
            return w;
        }), baseline, WEB);
        assertThat(v.outcome()).isEqualTo(Outcome.OVER_PROVISIONING);
        assertThat(ofKind(v, SymptomKind.PODS_ABOVE_GOLDEN)).isNotEmpty();
        assertThat(ofKind(v, SymptomKind.PODS_CANNOT_START)).as("still evidence").isNotEmpty();
    }

    @Test
    void asManyAsTheGoldenRunsHadIsNoSymptom() {
        UnaryOperator<World> crashing = stuckRollout(1, "CrashLoopBackOff");
        Baseline learned = BaselineLearner.learn(List.of(World.steady(new World().with(crashing), N),
                World.steady(new World().with(crashing), N)));
        assertThat(learned.workloads().get("Deployment/default/web").cannotStart().max()).isEqualTo(1);

        Verdict same = classifier.classify(World.steady(new World().with(crashing), N), learned, WEB);
        assertThat(same.symptoms()).isEmpty();
        Verdict more = classifier.classify(World.changedAt(3, N, stuckRollout(2, "CrashLoopBackOff")), learned, WEB);
        assertThat(ofKind(more, SymptomKind.PODS_CANNOT_START)).extracting(Symptom::signal)
                .contains("pods that cannot start", "pod web-9e1c-0", "pod web-9e1c-1");
    }

    @Test
    void manyPodsAreCountedAndTheFirstFewNamed() {
        Verdict v = classifier.classify(World.changedAt(3, N, stuckRollout(8, "ImagePullBackOff")), baseline, WEB);
        List<Symptom> stuck = ofKind(v, SymptomKind.PODS_CANNOT_START);
        assertThat(stuck).filteredOn(s -> s.signal().equals("pods that cannot start")).extracting(Symptom::value)
                .containsExactly("8");
        assertThat(stuck).filteredOn(s -> s.signal().startsWith("pod ")).hasSize(5);
    }

    @Test
    void aPodOfAnotherWorkloadThatCannotStartIsCollateral() {
        // The target is db; web's rollout cannot start: damage beyond the target's own workload.
        InjectionFacts db = new InjectionFacts(new InjectedObject("Deployment", "default", "db"), true, true);
        Verdict v = classifier.classify(World.changedAt(3, N, stuckRollout(1, "ErrImagePull")), baseline, db);
        assertThat(v.outcome()).isEqualTo(Outcome.CLUSTER_WIDE);
        assertThat(ofKind(v, SymptomKind.COLLATERAL_DAMAGE)).extracting(Symptom::signal)
                .contains("PODS_CANNOT_START pods that cannot start");
    }

    @Test
    void observationsAndBaselinesRecordedBeforeWaitingReasonsReadAsNone() throws Exception {
        var mapper = ObservationJson.mapper();
        Observation stuck = World.changedAt(3, N, stuckRollout(1, "ErrImageNeverPull"));
        String json = mapper.writeValueAsString(stuck);
        assertThat(json).contains("\"waiting\":\"ErrImageNeverPull\"");
        Observation old = mapper.readValue(json.replace("\"waiting\":\"ErrImageNeverPull\"", "\"waiting\":null")
                .replaceAll(",\"waiting\":null", ""), Observation.class);
        assertThat(old.lastSample().pods()).allSatisfy(p -> assertThat(p.waiting()).isNull());

        String baselineJson = mapper.writeValueAsString(baseline).replaceAll(",\"cannotStart\":\\{[^}]*}", "");
        assertThat(baselineJson).doesNotContain("cannotStart");
        Baseline oldBaseline = mapper.readValue(baselineJson, Baseline.class);
        assertThat(oldBaseline.workloads().get("Deployment/default/web").cannotStart().max()).isZero();
    }
}
