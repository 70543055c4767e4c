package dev.mutineer.classifier;

import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.baseline.BaselineLearner;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.observation.ObservationJson;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classifier on observations recorded from a real local cluster (3 kwok nodes, Deployment web of 3 with
 * Service web, namespace default) by {@link ObserverLiveClusterTest}. They also pin the JSON format the journal
 * stores: a renamed or retyped field breaks reading these files.
 */
class RecordedObservationsTest {

    private final Classifier classifier = new Classifier();
    private final Baseline baseline = BaselineLearner.learn(List.of(recorded("golden-1"), recorded("golden-2")));

    private static Observation recorded(String name) {
        try {
            return ObservationJson.read(Path.of(RecordedObservationsTest.class.getResource("/observations/" + name + ".json").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Verdict classify(String name, String kind, String objectName) {
        return classifier.classify(recorded(name), baseline, new InjectionFacts(new InjectedObject(kind, "default", objectName), true, true));
    }

    @Test
    void baselineHoldsTheRecordedSteadyState() {
        assertThat(baseline.workloads().get("Deployment/default/web").ready().toString()).isEqualTo("3");
        assertThat(baseline.services().get("Service/default/web").readyEndpoints().toString()).isEqualTo("3");
        assertThat(baseline.readyNodes()).hasSize(3);
        assertThat(baseline.erroringResources()).isEmpty();
    }

    @Test
    void recordedGoldenAgainstGoldenIsNoEffect() {
        Verdict v = classifier.classify(recorded("golden-3"), baseline, InjectionFacts.none());
        assertThat(v.outcome()).isEqualTo(Outcome.NO_EFFECT);
        assertThat(v.symptoms()).isEmpty();
    }

    @Test
    void recordedScaleToZeroIsUnderProvisioning() {
        Verdict v = classify("scaled-to-zero", "Deployment", "web");
        assertThat(v.outcome()).isEqualTo(Outcome.UNDER_PROVISIONING);
        assertThat(v.symptoms()).extracting(Symptom::kind).contains(SymptomKind.DESIRED_BELOW_GOLDEN,
                SymptomKind.READY_BELOW_GOLDEN, SymptomKind.PODS_BELOW_GOLDEN, SymptomKind.ENDPOINTS_BELOW_GOLDEN);
    }

    @Test
    void recordedRelabeledPodIsOverProvisioning() {
        String pod = recorded("pod-relabeled").samples().get(0).pods().stream().filter(p -> p.orphan()).findFirst().orElseThrow().name();
        Verdict v = classify("pod-relabeled", "Pod", pod);
        assertThat(v.outcome()).isEqualTo(Outcome.OVER_PROVISIONING);
        assertThat(v.symptoms()).extracting(Symptom::kind).containsExactly(SymptomKind.ORPHAN_PODS);
    }

    @Test
    void recordedCorruptedSelectorIsServiceNetworking() {
        Verdict v = classify("selector-corrupted", "Service", "web");
        assertThat(v.outcome()).isEqualTo(Outcome.SERVICE_NETWORKING);
        assertThat(v.symptoms()).extracting(Symptom::kind).containsExactly(SymptomKind.ENDPOINTS_BELOW_GOLDEN);
    }

    @Test
    void recordedApiServerOutageIsClusterWide() {
        Verdict v = classify("apiserver-down", "Deployment", "web");
        assertThat(v.outcome()).isEqualTo(Outcome.CLUSTER_WIDE);
        assertThat(v.symptoms()).extracting(Symptom::kind).contains(SymptomKind.APISERVER_UNHEALTHY,
                SymptomKind.RESOURCE_UNREADABLE, SymptomKind.COMPONENT_DOWN);
        assertThat(v.symptoms()).filteredOn(s -> s.kind() == SymptomKind.RESOURCE_UNREADABLE).hasSize(10);
    }

    @Test
    void recordedUndecodablePodMakesPodsUnreadableAndIsClusterWide() {
        Verdict v = classify("undecodable-pod", "Pod", "undecodable");
        assertThat(v.outcome()).isEqualTo(Outcome.CLUSTER_WIDE);
        assertThat(v.symptoms()).extracting(Symptom::kind).containsExactly(SymptomKind.RESOURCE_UNREADABLE);
        assertThat(v.symptoms().get(0).signal()).isEqualTo("LIST pods");
    }
}
