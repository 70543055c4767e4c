package dev.mutineer.classifier;

import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.baseline.BaselineLearner;
import dev.mutineer.classifier.observation.ApiError;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.observation.WarningEvent;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentExit;
import dev.mutineer.cluster.ComponentState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClassifierTest {

    private static final InjectionFacts WEB = new InjectionFacts(new InjectedObject("Deployment", "default", "web"), true, false);
    private static final int N = 12;

    private final Classifier classifier = new Classifier();
    private final Baseline baseline = BaselineLearner.learn(List.of(World.steady(new World(), N), World.steady(new World(), N)));

    private Verdict classify(Observation o) {
        return classifier.classify(o, baseline, WEB);
    }

    private static List<SymptomKind> kinds(Verdict v) {
        return v.symptoms().stream().map(Symptom::kind).toList();
    }

    @Test
    void goldenAgainstGoldenIsNoEffect() {
        Verdict v = classify(World.steady(new World(), N));
        assertThat(v.outcome()).isEqualTo(Outcome.NO_EFFECT);
        assertThat(v.symptoms()).isEmpty();
        assertThat(v.firstSymptomMillis()).isNull();
    }

    @Test
    void normalVarianceSeenInGoldenRunsIsNoSymptom() {
        // One golden run had a pod briefly unready; a later golden run with the same dip is still healthy.
        Observation dip = World.recoveredAt(3, 5, N, w -> { w.webReady = 2; w.webAvailable = 2; w.webEndpoints = 2; return w; });
        Baseline learned = BaselineLearner.learn(List.of(World.steady(new World(), N), dip));
        Verdict v = classifier.classify(World.recoveredAt(7, 8, N, w -> { w.webReady = 2; w.webAvailable = 2; w.webEndpoints = 2; return w; }), learned, WEB);
        assertThat(v.outcome()).isEqualTo(Outcome.NO_EFFECT);
        // Without that golden run the same dip is a symptom.
        assertThat(classify(World.recoveredAt(7, 8, N, w -> { w.webReady = 2; return w; })).outcome()).isEqualTo(Outcome.TRANSIENT);
    }

    @Test
    void scaledToZeroIsUnderProvisioningWithEvidence() {
        Observation o = World.changedAt(3, N, w -> {
            w.webDesired = 0; w.webCurrent = 0; w.webReady = 0; w.webAvailable = 0; w.webPods = 0; w.webEndpoints = 0;
            return w;
        });
        Verdict v = classify(o);
        assertThat(v.outcome()).isEqualTo(Outcome.UNDER_PROVISIONING);
        assertThat(v.firstSymptomMillis()).isEqualTo(3000L);
        assertThat(v.recoveredMillis()).isNull();
        Symptom ready = v.symptoms().stream().filter(s -> s.kind() == SymptomKind.READY_BELOW_GOLDEN).findFirst().orElseThrow();
        assertThat(ready.subject()).isEqualTo("Deployment/default/web");
        assertThat(ready.value()).isEqualTo("0");
        assertThat(ready.expected()).isEqualTo("3");
        assertThat(ready.firstSeenMillis()).isEqualTo(3000L);
        assertThat(ready.presentAtEnd()).isTrue();
        // The Service losing its endpoints is recorded, but the lost pods are the cause.
        assertThat(kinds(v)).contains(SymptomKind.DESIRED_BELOW_GOLDEN, SymptomKind.ENDPOINTS_BELOW_GOLDEN);
        // The ReplicaSet is judged through its Deployment, not on its own.
        assertThat(v.symptoms()).noneMatch(s -> s.subject().startsWith("ReplicaSet/"));
    }

    @Test
    void releasedPodsReplacedByTheirReplicaSetAreOverProvisioning() {
        Verdict v = classify(World.changedAt(2, N, w -> { w.orphans = 3; return w; }));
        assertThat(v.outcome()).isEqualTo(Outcome.OVER_PROVISIONING);
        Symptom orphans = v.symptoms().get(0);
        assertThat(orphans.kind()).isEqualTo(SymptomKind.ORPHAN_PODS);
        assertThat(orphans.subject()).isEqualTo("namespace/default");
        assertThat(orphans.value()).isEqualTo("3");
    }

    @Test
    void releasedReplicaSetIsALeak() {
        Verdict v = classify(World.changedAt(2, N, w -> { w.webReplicaSetReleased = true; return w; }));
        assertThat(v.outcome()).isEqualTo(Outcome.OVER_PROVISIONING);
        assertThat(kinds(v)).containsExactly(SymptomKind.LEAKED_WORKLOAD);
        assertThat(v.symptoms().get(0).subject()).isEqualTo("ReplicaSet/default/web-5d8f");
    }

    @Test
    void extremeReplicasAreOverProvisioningEvenWithPodsNotYetReady() {
        Verdict v = classify(World.changedAt(2, N, w -> { w.webDesired = 1000; w.webCurrent = 1000; w.webPods = 1000; w.webReady = 2; return w; }));
        assertThat(v.outcome()).isEqualTo(Outcome.OVER_PROVISIONING);
        assertThat(kinds(v)).contains(SymptomKind.DESIRED_ABOVE_GOLDEN, SymptomKind.PODS_ABOVE_GOLDEN, SymptomKind.READY_BELOW_GOLDEN);
    }

    @Test
    void serviceThatLostItsEndpointsIsServiceNetworking() {
        Verdict v = classify(World.changedAt(4, N, w -> { w.webEndpoints = 0; return w; }));
        assertThat(v.outcome()).isEqualTo(Outcome.SERVICE_NETWORKING);
        assertThat(kinds(v)).containsExactly(SymptomKind.ENDPOINTS_BELOW_GOLDEN);
    }

    @Test
    void staleEndpointsAreServiceNetworkingOnlyWhenTheyPersist() {
        Verdict persisting = classify(World.changedAt(4, N, w -> { w.webEndpointsStale = true; return w; }));
        assertThat(persisting.outcome()).isEqualTo(Outcome.SERVICE_NETWORKING);
        Symptom s = persisting.symptoms().get(0);
        assertThat(s.kind()).isEqualTo(SymptomKind.ENDPOINTS_MISMATCH);
        assertThat(s.value()).contains("missing [web-5d8f-0]").contains("extra [web-gone-0]");
        // The second consecutive mismatching sample is the first evidence.
        assertThat(s.firstSeenMillis()).isEqualTo(5000L);

        Verdict lag = classify(World.recoveredAt(4, 5, N, w -> { w.webEndpointsStale = true; return w; }));
        assertThat(lag.outcome()).isEqualTo(Outcome.NO_EFFECT);
    }

    @Test
    void serviceDeletedIsServiceNetworking() {
        Verdict v = classify(World.changedAt(4, N, w -> { w.webServiceExists = false; return w; }));
        assertThat(v.outcome()).isEqualTo(Outcome.SERVICE_NETWORKING);
        assertThat(kinds(v)).containsExactly(SymptomKind.SERVICE_MISSING);
    }

    @Test
    void unreadableResourceTypeIsClusterWideAndHidesNoFalseUnderProvisioning() {
        Verdict v = classify(World.changedAt(2, N, w -> {
            w.errors = List.of(new ApiError("pods", 429, "storage is (re)initializing"));
            return w;
        }));
        assertThat(v.outcome()).isEqualTo(Outcome.CLUSTER_WIDE);
        Symptom s = v.symptoms().get(0);
        assertThat(s.kind()).isEqualTo(SymptomKind.RESOURCE_UNREADABLE);
        assertThat(s.signal()).isEqualTo("LIST pods");
        assertThat(s.value()).isEqualTo("429 storage is (re)initializing");
        // An empty pod list that could not be read is not "zero pods".
        assertThat(kinds(v)).doesNotContain(SymptomKind.PODS_BELOW_GOLDEN, SymptomKind.ENDPOINTS_BELOW_GOLDEN);
    }

    @Test
    void apiServerOutageIsClusterWideEvenAfterItRecovers() {
        Verdict v = classify(World.recoveredAt(3, 7, N, w -> {
            w.readyz = 0; w.livez = 0;
            List<ApiError> all = new ArrayList<>();
            for (String r : List.of("deployments", "replicasets", "pods", "services", "endpointslices", "nodes")) {
                all.add(new ApiError(r, 0, "Connection refused"));
            }
            w.errors = all;
            return w;
        }));
        assertThat(v.outcome()).isEqualTo(Outcome.CLUSTER_WIDE);
        assertThat(v.symptoms().get(0).kind()).isEqualTo(SymptomKind.APISERVER_UNHEALTHY);
        assertThat(v.firstSymptomMillis()).isEqualTo(3000L);
        assertThat(v.recoveredMillis()).isEqualTo(7000L);
        assertThat(v.timeToRecoverMillis()).isEqualTo(4000L);
    }

    @Test
    void oneSlowSampleIsNoOutage() {
        // A loaded machine: one sample's requests time out against a healthy API server.
        Verdict blip = classify(World.recoveredAt(4, 5, N, w -> {
            w.readyz = 0;
            w.errors = List.of(new ApiError("pods", 0, "java.net.http.HttpTimeoutException: request timed out"));
            return w;
        }));
        assertThat(blip.outcome()).isEqualTo(Outcome.NO_EFFECT);
        Verdict twoSamples = classify(World.recoveredAt(4, 6, N, w -> {
            w.readyz = 0;
            w.errors = List.of(new ApiError("pods", 0, "java.net.http.HttpTimeoutException: request timed out"));
            return w;
        }));
        assertThat(twoSamples.outcome()).isEqualTo(Outcome.CLUSTER_WIDE);
        assertThat(twoSamples.symptoms()).extracting(Symptom::kind).containsExactly(SymptomKind.APISERVER_UNHEALTHY, SymptomKind.RESOURCE_UNREADABLE);
    }

    @Test
    void aComponentStateTheBackendCannotTellIsRecordedWithItsErrorNotReadAsHealth() {
        Verdict v = classify(World.changedAt(5, N, w -> { w.controllerManagerError = "ps: cannot read /proc"; return w; }));
        // Not evidence of a crash: the verdict stays, but the error is in the record as what the observer saw.
        assertThat(v.outcome()).isEqualTo(Outcome.NO_EFFECT);
        Symptom unknown = v.symptoms().stream().filter(s -> s.kind() == SymptomKind.COMPONENT_STATE_UNKNOWN).findFirst().orElseThrow();
        assertThat(unknown.subject()).isEqualTo("component/kube-controller-manager");
        assertThat(unknown.value()).contains("ps: cannot read /proc");
        assertThat(unknown.indicates()).isNull();
    }

    @Test
    void aComponentThatExitedAndWasStartedAgainShowsTheExitAndTheRecovery() {
        Observation down = World.recoveredAt(4, 7, N, w -> { w.controllerManager = ComponentState.DOWN; return w; });
        ComponentExit exit = new ComponentExit(Component.CONTROLLER_MANAGER, down.startedAt().plusMillis(3_500), 137,
                Duration.ofMinutes(2), List.of("I1201 leaderelection.go:271] successfully acquired lease"),
                Duration.ofSeconds(3), down.startedAt().plusMillis(6_500));
        Verdict v = classify(new Observation(down.startedAt(), down.intervalMillis(), down.windowMillis(), down.samples(),
                down.warningEvents(), null, List.of(exit)));

        assertThat(v.outcome()).isEqualTo(Outcome.CLUSTER_WIDE);
        assertThat(kinds(v)).containsOnlyOnce(SymptomKind.COMPONENT_EXITED, SymptomKind.COMPONENT_DOWN);
        Symptom exited = v.symptoms().stream().filter(s -> s.kind() == SymptomKind.COMPONENT_EXITED).toList().get(0);
        assertThat(exited.subject()).isEqualTo("component/kube-controller-manager");
        assertThat(exited.value()).isEqualTo("exit 1: SIGKILL after 120.0 s up, started again after 3.0 s at +6.5 s; "
                + "last log line: I1201 leaderelection.go:271] successfully acquired lease");
        assertThat(exited.firstSeenMillis()).isEqualTo(3_500L);
        assertThat(exited.decisive()).isFalse();
        Symptom outage = v.symptoms().stream().filter(s -> s.kind() == SymptomKind.COMPONENT_DOWN).toList().get(0);
        assertThat(outage.presentAtEnd()).isFalse();
        assertThat(v.recoveredMillis()).isEqualTo(7_000L);
    }

    @Test
    void aRealNodesKubeletPausedIsEvidenceButNoClassByItself() {
        World golden = new World().with(w -> { w.kubelet = ComponentState.RUNNING; return w; });
        Baseline real = BaselineLearner.learn(List.of(World.steady(golden, N), World.steady(golden, N)));
        assertThat(real.alwaysRunning()).as("golden runs learn the node's daemon as always running").contains(Component.KUBELET);

        Verdict v = classifier.classify(World.changedAt(5, N, w -> { w.kubelet = ComponentState.PAUSED; return w; }), real, WEB);
        Symptom paused = v.symptoms().stream().filter(s -> s.kind() == SymptomKind.COMPONENT_DOWN).findFirst().orElseThrow();
        assertThat(paused.subject()).isEqualTo("component/kubelet");
        assertThat(paused.value()).isEqualTo("PAUSED");
        assertThat(paused.indicates()).as("what a paused kubelet causes decides, not the pause itself").isNull();
        assertThat(v.outcome()).isEqualTo(Outcome.NO_EFFECT);

        Verdict controlPlane = classifier.classify(World.changedAt(5, N, w -> { w.controllerManager = ComponentState.PAUSED; return w; }), real, WEB);
        assertThat(controlPlane.outcome()).isEqualTo(Outcome.CLUSTER_WIDE);
    }

    @Test
    void controllerManagerDownIsClusterWide() {
        Verdict v = classify(World.changedAt(5, N, w -> { w.controllerManager = ComponentState.DOWN; return w; }));
        assertThat(v.outcome()).isEqualTo(Outcome.CLUSTER_WIDE);
        assertThat(v.symptoms().get(0).subject()).isEqualTo("component/kube-controller-manager");
        assertThat(v.symptoms().get(0).value()).isEqualTo("DOWN");
    }

    @Test
    void nodesNotReadyBeyondTheTargetAreClusterWideButTheTargetNodeAloneIsUnderProvisioning() {
        Observation o = World.changedAt(3, N, w -> { w.notReadyNodes = List.of("node-1"); return w; });
        assertThat(classify(o).outcome()).isEqualTo(Outcome.CLUSTER_WIDE);
        InjectionFacts node1 = new InjectionFacts(new InjectedObject("Node", "", "node-1"), true, true);
        Verdict v = classifier.classify(o, baseline, node1);
        assertThat(v.outcome()).isEqualTo(Outcome.UNDER_PROVISIONING);
        assertThat(v.symptoms().get(0).kind()).isEqualTo(SymptomKind.NODE_NOT_READY);
    }

    @Test
    void damageToAnotherWorkloadIsCollateralAndClusterWide() {
        Observation o = World.changedAt(3, N, w -> { w.dbReady = 0; return w; });
        Verdict v = classify(o);
        assertThat(v.outcome()).isEqualTo(Outcome.CLUSTER_WIDE);
        assertThat(v.symptoms()).anyMatch(s -> s.kind() == SymptomKind.COLLATERAL_DAMAGE && s.subject().equals("Deployment/default/db"));
        // The same damage to db is its own workload's when db was the target.
        InjectionFacts dbRs = new InjectionFacts(new InjectedObject("ReplicaSet", "default", "db-77aa"), true, true);
        assertThat(classifier.classify(o, baseline, dbRs).outcome()).isEqualTo(Outcome.UNDER_PROVISIONING);
        // A pod of db's ReplicaSet as target: same family.
        InjectionFacts dbPod = new InjectionFacts(new InjectedObject("Pod", "default", "db-77aa-1"), true, true);
        assertThat(classifier.classify(o, baseline, dbPod).outcome()).isEqualTo(Outcome.UNDER_PROVISIONING);
    }

    @Test
    void controllerStalledOnAnotherWorkloadIsClusterWideButOnTheTargetOnlyEvidence() {
        Observation o = World.changedAt(2, N, w -> { w.dbGeneration = 2; return w; });
        Verdict v = classify(o);
        assertThat(v.outcome()).isEqualTo(Outcome.CLUSTER_WIDE);
        Symptom collateral = v.symptoms().get(0);
        assertThat(collateral.kind()).isEqualTo(SymptomKind.COLLATERAL_DAMAGE);
        assertThat(collateral.signal()).isEqualTo("GENERATION_NOT_OBSERVED observedGeneration");
        // Five samples in a row: 2, 3, 4, 5, 6.
        assertThat(collateral.firstSeenMillis()).isEqualTo(6000L);

        InjectionFacts db = new InjectionFacts(new InjectedObject("Deployment", "default", "db"), true, true);
        Verdict own = classifier.classify(o, baseline, db);
        assertThat(own.outcome()).isEqualTo(Outcome.LATENT);
        assertThat(kinds(own)).containsExactly(SymptomKind.GENERATION_NOT_OBSERVED);

        Verdict brief = classify(World.recoveredAt(2, 6, N, w -> { w.dbGeneration = 2; return w; }));
        assertThat(brief.outcome()).isEqualTo(Outcome.NO_EFFECT);
    }

    @Test
    void nonWorkloadTargetBreakingTwoWorkloadsIsClusterWide() {
        InjectionFacts configMap = new InjectionFacts(new InjectedObject("ConfigMap", "default", "shared"), true, true);
        Observation both = World.changedAt(3, N, w -> { w.dbReady = 0; w.webReady = 0; return w; });
        assertThat(classifier.classify(both, baseline, configMap).outcome()).isEqualTo(Outcome.CLUSTER_WIDE);
        Observation one = World.changedAt(3, N, w -> { w.dbReady = 0; return w; });
        assertThat(classifier.classify(one, baseline, configMap).outcome()).isEqualTo(Outcome.UNDER_PROVISIONING);
    }

    @Test
    void recoveredSymptomsAreTransientWithTimeToRecover() {
        Verdict v = classify(World.recoveredAt(2, 6, N, w -> { w.webReady = 1; w.webAvailable = 1; return w; }));
        assertThat(v.outcome()).isEqualTo(Outcome.TRANSIENT);
        assertThat(v.firstSymptomMillis()).isEqualTo(2000L);
        assertThat(v.recoveredMillis()).isEqualTo(6000L);
        assertThat(v.timeToRecoverMillis()).isEqualTo(4000L);
        assertThat(v.symptoms()).allMatch(s -> !s.presentAtEnd() && s.lastSeenMillis() == 5000L);
    }

    @Test
    void symptomValueShowsHowDeepADipWent() {
        List<World> timeline = new ArrayList<>();
        for (int ready : new int[] {3, 3, 2, 1, 0, 0, 2, 3, 3, 3}) {
            timeline.add(new World().with(w -> { w.webReady = ready; return w; }));
        }
        Verdict v = classify(World.observe(timeline));
        assertThat(v.outcome()).isEqualTo(Outcome.TRANSIENT);
        assertThat(v.symptoms().get(0).value()).isEqualTo("2->1->0->2");
        assertThat(Classifier.trajectory(List.of(
                new dev.mutineer.classifier.rules.Finding(0, 0, SymptomKind.PODS_ABOVE_GOLDEN, null, "s", "pods", "4", "3"),
                new dev.mutineer.classifier.rules.Finding(1, 1, SymptomKind.PODS_ABOVE_GOLDEN, null, "s", "pods", "5", "3"),
                new dev.mutineer.classifier.rules.Finding(2, 2, SymptomKind.PODS_ABOVE_GOLDEN, null, "s", "pods", "6", "3"),
                new dev.mutineer.classifier.rules.Finding(3, 3, SymptomKind.PODS_ABOVE_GOLDEN, null, "s", "pods", "7", "3"),
                new dev.mutineer.classifier.rules.Finding(4, 4, SymptomKind.PODS_ABOVE_GOLDEN, null, "s", "pods", "8", "3"),
                new dev.mutineer.classifier.rules.Finding(5, 5, SymptomKind.PODS_ABOVE_GOLDEN, null, "s", "pods", "9", "3"))))
                .isEqualTo("4->5->...->8->9");
    }

    @Test
    void noSymptomButCorruptedValueStillStoredIsLatent() {
        InjectionFacts stored = new InjectionFacts(WEB.target(), true, true);
        assertThat(classifier.classify(World.steady(new World(), N), baseline, stored).outcome()).isEqualTo(Outcome.LATENT);
    }

    @Test
    void notActivatedWinsButKeepsTheSymptoms() {
        InjectionFacts refused = new InjectionFacts(WEB.target(), false, false);
        Verdict v = classifier.classify(World.changedAt(3, N, w -> { w.webReady = 0; return w; }), baseline, refused);
        assertThat(v.outcome()).isEqualTo(Outcome.NOT_ACTIVATED);
        assertThat(kinds(v)).contains(SymptomKind.READY_BELOW_GOLDEN);
    }

    @Test
    void newWarningEventsAndRestartsAreEvidenceButDecideNothing() {
        Observation o = World.observe(List.of(new World(), new World(), new World().with(w -> { w.restarts = 2; return w; })),
                new WarningEvent(1500, "default", "Pod/web-5d8f-0", "BackOff", "Back-off restarting failed container", 3));
        Verdict v = classify(o);
        assertThat(v.outcome()).isEqualTo(Outcome.NO_EFFECT);
        assertThat(kinds(v)).containsExactlyInAnyOrder(SymptomKind.WARNING_EVENT, SymptomKind.POD_RESTARTS);
        assertThat(v.symptoms()).noneMatch(Symptom::decisive);
    }

    @Test
    void precedenceOverBeatsUnderAndUnderBeatsNetworking() {
        Verdict overAndUnder = classify(World.changedAt(2, N, w -> { w.orphans = 2; w.webReady = 1; return w; }));
        assertThat(overAndUnder.outcome()).isEqualTo(Outcome.OVER_PROVISIONING);
        Verdict underAndNet = classify(World.changedAt(2, N, w -> { w.webReady = 1; w.webEndpoints = 1; return w; }));
        assertThat(underAndNet.outcome()).isEqualTo(Outcome.UNDER_PROVISIONING);
        // Decisive symptoms are listed in precedence order.
        assertThat(overAndUnder.symptoms().get(0).indicates()).isEqualTo(Outcome.OVER_PROVISIONING);
    }
}
