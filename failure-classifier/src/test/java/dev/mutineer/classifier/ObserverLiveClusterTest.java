package dev.mutineer.classifier;

import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.baseline.BaselineLearner;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.observation.ObservationJson;
import dev.mutineer.classifier.observation.Sample;
import dev.mutineer.classifier.observation.ServiceStatus;
import dev.mutineer.classifier.observation.WorkloadStatus;
import dev.mutineer.classifier.observe.Observer;
import dev.mutineer.classifier.observe.ObserverConfig;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;
import dev.mutineer.cluster.local.LocalCluster;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.mutineer.cluster.local.LiveChecks.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The observer and classifier against a real local control plane (etcd, apiserver, controller-manager,
 * scheduler, kwok on 127.0.0.1). The tests share one cluster and run in order: golden runs first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObserverLiveClusterTest {

    private static final String NS = "default";
    private static final InjectionFacts WEB = new InjectionFacts(new InjectedObject("Deployment", NS, "web"), true, true);
    private static final ObserverConfig CONFIG = ObserverConfig.of(Duration.ofSeconds(5)).withNamespaces(List.of(NS));

    static LocalCluster cluster;
    static KubernetesClient k8s;
    static Baseline baseline;
    private final Classifier classifier = new Classifier();

    @BeforeAll
    static void startClusterWithWebApp() {
        cluster = new LocalCluster().withNodes(3).start();
        k8s = cluster.client();
        k8s.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withReplicas(3)
                .withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        k8s.services().inNamespace(NS).resource(new ServiceBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec().addToSelector("app", "web")
                .addNewPort().withPort(80).withTargetPort(new IntOrString(8080)).endPort().endSpec()
                .build()).create();
        await("web Deployment has 3 available replicas", () -> {
            var d = k8s.apps().deployments().inNamespace(NS).withName("web").get();
            return d.getStatus() != null && Integer.valueOf(3).equals(d.getStatus().getAvailableReplicas());
        });
        await("web Service has 3 ready endpoints", () -> k8s.discovery().v1().endpointSlices().inNamespace(NS)
                .withLabel("kubernetes.io/service-name", "web").list().getItems().stream()
                .flatMap(s -> s.getEndpoints() == null ? java.util.stream.Stream.empty() : s.getEndpoints().stream())
                .filter(e -> e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady())).count() == 3);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Observation observe() {
        try (Observer observer = new Observer(cluster, CONFIG)) {
            return observer.observe();
        }
    }

    @Test
    @Order(1)
    void goldenObservationsSeeTheWorkloadAndAgreeWithEachOther() {
        long t0 = System.nanoTime();
        Observation first = observe();
        long took = (System.nanoTime() - t0) / 1_000_000;
        // A figure for the benchmark notes: what observing costs beyond the window itself.
        System.out.printf("observer: %d samples over a %d ms window took %d ms (%d ms beyond the window)%n",
                first.samples().size(), first.windowMillis(), took, took - first.windowMillis());
        Observation second = observe();
        assertThat(first.samples()).hasSizeBetween(4, 6);
        Sample s = first.lastSample();
        assertThat(s.apiErrors()).isEmpty();
        assertThat(s.api().healthy()).isTrue();
        assertThat(s.components()).containsEntry(Component.CONTROLLER_MANAGER, ComponentState.RUNNING);
        assertThat(s.nodes()).hasSize(3).allMatch(n -> n.ready());
        WorkloadStatus web = s.workloads().stream().filter(w -> w.key().equals("Deployment/default/web")).findFirst().orElseThrow();
        assertThat(web.desired()).isEqualTo(3);
        assertThat(web.ready()).isEqualTo(3);
        assertThat(web.pods()).isEqualTo(3);
        assertThat(s.workloads()).anyMatch(w -> w.kind().equals("ReplicaSet") && "Deployment/default/web".equals(w.owner()));
        ServiceStatus svc = s.services().stream().filter(x -> x.name().equals("web")).findFirst().orElseThrow();
        assertThat(svc.readyEndpoints()).isEqualTo(3);
        assertThat(svc.selectedReadyPods()).isEqualTo(3);
        assertThat(svc.agrees()).isTrue();
        assertThat(s.pods()).hasSize(3).noneMatch(p -> p.orphan());

        baseline = BaselineLearner.learn(List.of(first, second));
        Observation third = observe();
        Verdict goldenAgainstGolden = classifier.classify(third, baseline, InjectionFacts.none());
        assertThat(goldenAgainstGolden.outcome()).as(goldenAgainstGolden.symptoms().toString()).isEqualTo(Outcome.NO_EFFECT);
        // Recorded for RecordedObservationsTest (copied to src/test/resources/observations by hand).
        ObservationJson.write(first, Path.of("target", "live-observations", "golden-1.json"));
        ObservationJson.write(second, Path.of("target", "live-observations", "golden-2.json"));
        ObservationJson.write(third, Path.of("target", "live-observations", "golden-3.json"));
    }

    @Test
    @Order(2)
    void deploymentScaledToZeroIsUnderProvisioningWithEvidence() {
        k8s.apps().deployments().inNamespace(NS).withName("web").scale(0);
        Observation afterScale = observe();
        ObservationJson.write(afterScale, Path.of("target", "live-observations", "scaled-to-zero.json"));

        Verdict v = classifier.classify(afterScale, baseline, WEB);
        assertThat(v.outcome()).as(v.symptoms().toString()).isEqualTo(Outcome.UNDER_PROVISIONING);
        assertThat(v.symptoms()).anySatisfy(s -> {
            assertThat(s.kind()).isEqualTo(SymptomKind.DESIRED_BELOW_GOLDEN);
            assertThat(s.subject()).isEqualTo("Deployment/default/web");
            assertThat(s.value()).isEqualTo("0");
            assertThat(s.expected()).isEqualTo("3");
        });
        assertThat(v.symptoms()).anySatisfy(s -> {
            assertThat(s.kind()).isEqualTo(SymptomKind.READY_BELOW_GOLDEN);
            // The first sample may still catch pods going: "2->0" is as right as "0".
            assertThat(s.value()).matches("(.*->)?0");
            assertThat(s.presentAtEnd()).isTrue();
        });
        assertThat(v.firstSymptomMillis()).isNotNull();
        // The journal stores observations as JSON: a live one must come back equal.
        Path file = Path.of("target", "live-observations", "scaled-to-zero.json");
        assertThat(ObservationJson.read(file)).isEqualTo(afterScale);

        k8s.apps().deployments().inNamespace(NS).withName("web").scale(3);
        await("web back to 3 available", () -> Integer.valueOf(3).equals(
                k8s.apps().deployments().inNamespace(NS).withName("web").get().getStatus().getAvailableReplicas()));
    }

    @Test
    @Order(3)
    void podRelabeledOutOfItsReplicaSetIsOverProvisioning() {
        String pod = k8s.pods().inNamespace(NS).withLabel("app", "web").list().getItems().get(0).getMetadata().getName();
        k8s.pods().inNamespace(NS).withName(pod).edit(p -> new PodBuilder(p).editMetadata().addToLabels("app", "debug").endMetadata().build());
        Observation afterRelabel = observe();
        ObservationJson.write(afterRelabel, Path.of("target", "live-observations", "pod-relabeled.json"));

        Verdict v = classifier.classify(afterRelabel, baseline, new InjectionFacts(new InjectedObject("Pod", NS, pod), true, true));
        assertThat(v.outcome()).as(v.symptoms().toString()).isEqualTo(Outcome.OVER_PROVISIONING);
        assertThat(v.symptoms()).anySatisfy(s -> {
            assertThat(s.kind()).isEqualTo(SymptomKind.ORPHAN_PODS);
            assertThat(s.value()).isEqualTo("1");
            assertThat(s.presentAtEnd()).isTrue();
        });

        k8s.pods().inNamespace(NS).withName(pod).delete();
        await("relabeled pod gone", () -> k8s.pods().inNamespace(NS).withName(pod).get() == null);
    }

    @Test
    @Order(4)
    void corruptedServiceSelectorIsServiceNetworking() {
        k8s.services().inNamespace(NS).withName("web").edit(svc -> new ServiceBuilder(svc).editSpec()
                .withSelector(java.util.Map.of("app", "wbe")).endSpec().build());
        Observation afterSelector = observe();
        ObservationJson.write(afterSelector, Path.of("target", "live-observations", "selector-corrupted.json"));

        Verdict v = classifier.classify(afterSelector, baseline, new InjectionFacts(new InjectedObject("Service", NS, "web"), true, true));
        assertThat(v.outcome()).as(v.symptoms().toString()).isEqualTo(Outcome.SERVICE_NETWORKING);
        assertThat(v.symptoms()).anySatisfy(s -> {
            assertThat(s.kind()).isEqualTo(SymptomKind.ENDPOINTS_BELOW_GOLDEN);
            assertThat(s.subject()).isEqualTo("Service/default/web");
            assertThat(s.value()).matches("(.*->)?0");
        });

        k8s.services().inNamespace(NS).withName("web").edit(svc -> new ServiceBuilder(svc).editSpec()
                .withSelector(java.util.Map.of("app", "web")).endSpec().build());
    }

    @Test
    @Order(5)
    void undecodablePodInEtcdMakesPodsUnreadableButTheObserverCarriesOn() throws Exception {
        ByteSequence key = ByteSequence.from(cluster.etcdKeyPrefix() + "/pods/" + NS + "/undecodable", StandardCharsets.UTF_8);
        // The protobuf magic "k8s\0" followed by bytes that are no runtime.Unknown.
        byte[] garbage = {0x6b, 0x38, 0x73, 0x00, (byte) 0xff, (byte) 0xfe, 0x01, 0x02};
        try (Client etcd = cluster.etcd().connect()) {
            etcd.getKVClient().put(key, ByteSequence.from(garbage)).get(10, TimeUnit.SECONDS);
            Observation broken = observe();
            ObservationJson.write(broken, Path.of("target", "live-observations", "undecodable-pod.json"));
            etcd.getKVClient().delete(key).get(10, TimeUnit.SECONDS);

            Sample last = broken.lastSample();
            assertThat(last.unreadableResources()).as(last.apiErrors().toString()).contains("pods");
            assertThat(last.readable("deployments")).isTrue();
            assertThat(last.workloads()).anyMatch(w -> w.key().equals("Deployment/default/web"));
            Verdict v = classifier.classify(broken, baseline, new InjectionFacts(new InjectedObject("Pod", NS, "undecodable"), true, true));
            assertThat(v.outcome()).isEqualTo(Outcome.CLUSTER_WIDE);
            assertThat(v.symptoms()).anySatisfy(s -> {
                assertThat(s.kind()).isEqualTo(SymptomKind.RESOURCE_UNREADABLE);
                assertThat(s.signal()).isEqualTo("LIST pods");
                assertThat(s.presentAtEnd()).isTrue();
            });
            // Empty pod lists that failed to load must not read as pods gone.
            assertThat(v.symptoms()).extracting(Symptom::kind).doesNotContain(SymptomKind.PODS_BELOW_GOLDEN);
        }
    }

    @Test
    @Order(6)
    void observerKeepsSamplingWhileTheApiServerIsDown() {
        cluster.stop(Component.APISERVER);
        Observation outage;
        long t0 = System.nanoTime();
        try {
            outage = observe();
        } finally {
            cluster.restart(Component.APISERVER);
        }
        long tookMillis = (System.nanoTime() - t0) / 1_000_000;
        ObservationJson.write(outage, Path.of("target", "live-observations", "apiserver-down.json"));
        assertThat(outage.samples()).hasSizeGreaterThanOrEqualTo(3);
        Sample s = outage.samples().get(0);
        assertThat(s.api().healthy()).isFalse();
        assertThat(s.components()).containsEntry(Component.APISERVER, ComponentState.DOWN);
        assertThat(s.unreadableResources()).contains("pods", "deployments", "nodes");
        assertThat(tookMillis).as("a dead API server must not stretch the window").isLessThan(20_000);
        Verdict v = classifier.classify(outage, baseline, WEB);
        assertThat(v.outcome()).isEqualTo(Outcome.CLUSTER_WIDE);
        assertThat(v.symptoms()).extracting(Symptom::kind)
                .contains(SymptomKind.APISERVER_UNHEALTHY, SymptomKind.RESOURCE_UNREADABLE, SymptomKind.COMPONENT_DOWN);
        // Nothing about workloads may be concluded from lists that could not be read.
        assertThat(v.symptoms()).extracting(Symptom::kind).doesNotContain(SymptomKind.WORKLOAD_MISSING, SymptomKind.READY_BELOW_GOLDEN);
    }

    @Test
    @Order(7)
    void aCrashedSchedulerIsStartedAgainAndTheVerdictShowsTheExitAndTheRecovery() throws Exception {
        // kubelet's back-off: started again 10 s after the crash, well inside an 18 s window.
        ObserverConfig window = ObserverConfig.of(Duration.ofSeconds(18)).withNamespaces(List.of(NS));
        long pid = cluster.pids().get(Component.SCHEDULER.binary());
        Observation crash;
        try (Observer observer = new Observer(cluster, window)) {
            CompletableFuture<Void> sigkill = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(1_000);
                    // From outside, as a crash would: not through the cluster's component control.
                    new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            crash = observer.observe();
            sigkill.join();
        }
        ObservationJson.write(crash, Path.of("target", "live-observations", "scheduler-crash.json"));

        assertThat(crash.exits()).singleElement().satisfies(e -> {
            assertThat(e.component()).isEqualTo(Component.SCHEDULER);
            assertThat(e.status()).isEqualTo("SIGKILL");
            assertThat(e.lastLogLines()).isNotEmpty();
            assertThat(e.restartedAt()).isNotNull();
        });
        assertThat(crash.samples()).anyMatch(s -> s.components().get(Component.SCHEDULER) == ComponentState.DOWN);
        assertThat(crash.lastSample().components()).containsEntry(Component.SCHEDULER, ComponentState.RUNNING);

        Verdict v = classifier.classify(crash, baseline, WEB);
        v.symptoms().forEach(s -> System.out.println("scheduler crash: " + s.describe()));
        Symptom exited = v.symptoms().stream().filter(s -> s.kind() == SymptomKind.COMPONENT_EXITED).toList().get(0);
        assertThat(exited.subject()).isEqualTo("component/kube-scheduler");
        assertThat(exited.value()).startsWith("exit 1: SIGKILL after ").contains("started again after 10.");
        Symptom down = v.symptoms().stream().filter(s -> s.kind() == SymptomKind.COMPONENT_DOWN).toList().get(0);
        assertThat(down.subject()).isEqualTo("component/kube-scheduler");
        assertThat(down.presentAtEnd()).isFalse();
        assertThat(v.symptoms()).extracting(Symptom::kind).containsOnlyOnce(SymptomKind.COMPONENT_EXITED);
        assertThat(v.recoveredMillis()).isNotNull();
        assertThat(v.outcome()).isEqualTo(Outcome.CLUSTER_WIDE);
    }
}
