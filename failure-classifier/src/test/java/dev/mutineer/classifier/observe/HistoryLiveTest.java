package dev.mutineer.classifier.observe;

import dev.mutineer.classifier.Classifier;
import dev.mutineer.classifier.InjectedObject;
import dev.mutineer.classifier.InjectionFacts;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.ShopWorkload;
import dev.mutineer.classifier.Symptom;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.Verdict;
import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.baseline.BaselineLearner;
import dev.mutineer.classifier.observation.HistoryEvent;
import dev.mutineer.classifier.observation.HistoryEvent.Change;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.observation.ObservationJson;
import dev.mutineer.cluster.local.LocalCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history on a real local control plane (kwok nodes) running the shop workload: a pod deleted through the API
 * and recreated by its ReplicaSet within one sample interval shows in the history and as churn in the verdict, and
 * what the history costs (record size, the observer's CPU) for a 10 s window. The tests share one cluster.
 */
class HistoryLiveTest {

    private static final String NS = "shop";
    private static final ObserverConfig CONFIG = ObserverConfig.of(Duration.ofSeconds(6)).withNamespaces(List.of(NS));

    static LocalCluster cluster;
    static KubernetesClient k8s;

    @BeforeAll
    static void startClusterWithShop() {
        cluster = new LocalCluster().withNodes(3).start();
        k8s = cluster.client();
        ShopWorkload.deploy(k8s);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Observation observe(ObserverConfig config) {
        try (Observer observer = new Observer(cluster, config)) {
            return observer.observe();
        }
    }

    @Test
    void aPodDeletedAndRecreatedBetweenTwoSamplesIsChurnInTheHistory() throws Exception {
        Baseline baseline = BaselineLearner.learn(List.of(observe(CONFIG), observe(CONFIG)));
        assertThat(baseline.history()).as("golden runs with histories learn a history baseline").isNotNull();
        Verdict golden = new Classifier().classify(observe(CONFIG), baseline, InjectionFacts.none());
        assertThat(golden.outcome()).as(golden.symptoms().toString()).isEqualTo(Outcome.NO_EFFECT);

        Pod victim = k8s.pods().inNamespace(NS).withLabel("app.kubernetes.io/name", "backend").list().getItems().get(0);
        String victimName = victim.getMetadata().getName();
        CompletableFuture<Observation> window = CompletableFuture.supplyAsync(() -> observe(CONFIG));
        Thread.sleep(2_500);
        k8s.pods().inNamespace(NS).withName(victimName).withGracePeriod(0).delete();
        Observation after = window.get();

        String rs = "ReplicaSet/" + NS + "/" + victim.getMetadata().getOwnerReferences().get(0).getName();
        HistoryEvent deleted = after.history().stream()
                .filter(e -> e.type() == Change.DELETED && e.uid().equals(victim.getMetadata().getUid()))
                .findFirst().orElseThrow(() -> new AssertionError("no DELETED of " + victimName + " in " + after.history()));
        HistoryEvent replacement = after.history().stream()
                .filter(e -> e.type() == Change.ADDED && "Pod".equals(e.kind()) && rs.equals(e.ownerKey()))
                .findFirst().orElseThrow(() -> new AssertionError("no replacement pod of " + rs + " in " + after.history()));
        System.out.printf("history: %s deleted at +%d ms, %s created at +%d ms (sample interval %d ms)%n",
                victimName, deleted.t(), replacement.name(), replacement.t(), after.intervalMillis());
        assertThat(replacement.t() - deleted.t()).as("recreated within one sample interval")
                .isLessThan(after.intervalMillis());

        Verdict v = new Classifier().classify(after, baseline,
                new InjectionFacts(new InjectedObject("Pod", NS, victimName), true, false));
        assertThat(v.symptoms()).filteredOn(s -> s.kind() == SymptomKind.POD_CHURN)
                .extracting(Symptom::subject).contains(rs);
        assertThat(v.outcome()).as(v.symptoms().toString()).isEqualTo(Outcome.TRANSIENT);
    }

    /**
     * A fault written right after the observer is ready, before its first sample: the history has the victim as it was
     * and its deletion (a history whose watches opened with the window saw neither: their lists came after it).
     */
    @Test
    void aPodDeletedBeforeTheFirstSampleIsSeenFromItsDeletionOn() {
        Pod victim = k8s.pods().inNamespace(NS).withLabel("app.kubernetes.io/name", "backend").list().getItems().get(0);
        String uid = victim.getMetadata().getUid();
        Observation o;
        try (Observer observer = new Observer(cluster, CONFIG).startHistory()) {
            observer.readyForFault();
            k8s.pods().inNamespace(NS).withName(victim.getMetadata().getName()).withGracePeriod(0).delete();
            o = observer.observe();
        }
        List<HistoryEvent> ofVictim = o.history().stream().filter(e -> uid.equals(e.uid())).toList();
        assertThat(ofVictim).as("the victim's history in %s", o.history()).isNotEmpty();
        assertThat(ofVictim.get(0).type()).isEqualTo(Change.LISTED);
        HistoryEvent deleted = ofVictim.stream().filter(e -> e.type() == Change.DELETED).findFirst()
                .orElseThrow(() -> new AssertionError("no DELETED of the victim in " + ofVictim));
        assertThat(ofVictim.get(0).t()).isLessThanOrEqualTo(deleted.t());
        System.out.printf("history: victim listed at %d ms, deleted at %d ms (first sample at 0)%n", ofVictim.get(0).t(), deleted.t());
    }

    /** Prints what the history costs: bytes per observation against the samples, and CPU with and without it. */
    @Test
    void historyCostForATenSecondWindow() throws Exception {
        ObserverConfig tenSeconds = ObserverConfig.of(Duration.ofSeconds(10)).withNamespaces(List.of(NS));
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var mapper = ObservationJson.mapper();

        long cpu0 = os.getProcessCpuTime();
        Observation o = observe(tenSeconds);
        long observerCpu = os.getProcessCpuTime() - cpu0;

        long cpu1 = os.getProcessCpuTime();
        HistoryRecorder recorder = new HistoryRecorder(k8s, List.of(NS), 1000);
        long origin = System.nanoTime();
        recorder.start();
        assertThat(recorder.awaitFirstAttempts(5_000)).as("types not listed").isEmpty();
        Thread.sleep(10_000);
        List<HistoryEvent> alone = recorder.stop(origin);
        long historyCpu = os.getProcessCpuTime() - cpu1;
        assertThat(alone).isNotEmpty();
        System.out.printf("history alone: %d events, CPU %d ms over 10 s%n", alone.size(), historyCpu / 1_000_000);
        int samplesBytes = mapper.writeValueAsBytes(o.samples()).length;
        int historyBytes = mapper.writeValueAsBytes(o.history()).length;
        int recordBytes = mapper.writeValueAsBytes(o).length;
        long changes = o.history().stream().filter(e -> e.type() != Change.LISTED).count();
        System.out.printf("10 s window on shop: record %d bytes; samples %d bytes (%d samples); history %d bytes "
                        + "(%d events, %d of them changes); observer CPU with history %d ms%n",
                recordBytes, samplesBytes, o.samples().size(), historyBytes, o.history().size(), changes,
                observerCpu / 1_000_000);
        assertThat(o.history()).extracting(HistoryEvent::kind).contains("Pod", "ReplicaSet", "EndpointSlice", "Node");
    }
}
