package dev.mutineer.cluster.kind;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;
import dev.mutineer.cluster.local.LiveChecks;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real kind cluster (Docker, through Testcontainers) shared by the tests of this class,
 * which run in order. Skipped where no Docker engine is reachable.
 */
@EnabledIf(value = "dev.mutineer.cluster.kind.KindCluster#dockerAvailable", disabledReason = "no Docker engine")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KindClusterTest {

    private static final Duration KIND_WAIT = Duration.ofMinutes(2);

    static final String NS = "default";
    /** A gate every kindest/node image kindcontainer 2.0.0 lists knows about (beta since 1.33). */
    static final String GATE = "InPlacePodVerticalScaling";
    static KindCluster cluster;
    static KubernetesClient k8s;

    @BeforeAll
    static void startCluster() {
        cluster = new KindCluster().withFeatureGate(GATE, true).start();
        k8s = cluster.client();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void singleReadyNodeKubeconfigAndEtcdCertificatesInTheWorkDir() throws Exception {
        assertThat(k8s.nodes().list().getItems()).hasSize(1);
        assertThat(Files.readString(cluster.kubeconfig())).contains("server:");
        assertThat(cluster.etcd().endpoints()).singleElement().satisfies(u -> {
            assertThat(u.getScheme()).isEqualTo("https");
            assertThat(u.getHost()).isIn("localhost", "127.0.0.1");
        });
        for (Path p : List.of(cluster.etcd().caCert().orElseThrow(), cluster.etcd().clientCert().orElseThrow(),
                cluster.etcd().clientKey().orElseThrow())) {
            assertThat(p).startsWith(cluster.workDir()).isRegularFile();
            assertThat(Files.getPosixFilePermissions(p)).hasSize(2); // owner read and write only
        }
        assertThat(cluster.components()).containsExactly(Component.ETCD, Component.APISERVER,
                Component.CONTROLLER_MANAGER, Component.SCHEDULER);
    }

    @Test
    @Order(2)
    void featureGatesReachTheControlPlaneStaticPods() {
        for (String pod : List.of("kube-apiserver-kind", "kube-controller-manager-kind", "kube-scheduler-kind")) {
            Pod p = k8s.pods().inNamespace("kube-system").withName(pod).get();
            assertThat(p.getSpec().getContainers().get(0).getCommand()).contains("--feature-gates=" + GATE + "=true");
        }
    }

    @Test
    @Order(3)
    void deploymentIsStoredAsKubernetesProtobufAndReadableOverTls() throws Exception {
        k8s.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("shop.invalid/web:1").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        try (Client etcd = cluster.etcd().connect()) {
            List<KeyValue> kvs = etcd.getKVClient()
                    .get(ByteSequence.from(cluster.etcdKeyPrefix() + "/deployments/" + NS + "/web", StandardCharsets.UTF_8))
                    .get(10, TimeUnit.SECONDS).getKvs();
            assertThat(kvs).hasSize(1);
            assertThat(Arrays.copyOf(kvs.get(0).getValue().getBytes(), 4)).containsExactly(0x6b, 0x38, 0x73, 0x00);
        }
    }

    @Test
    @Order(4)
    void stoppedControllerManagerStaysDownUntilRestartedAndThenReconciles() {
        cluster.stop(Component.CONTROLLER_MANAGER);
        assertThat(cluster.state(Component.CONTROLLER_MANAGER)).isEqualTo(ComponentState.DOWN);

        cluster.restart(Component.CONTROLLER_MANAGER);
        assertThat(cluster.state(Component.CONTROLLER_MANAGER)).isEqualTo(ComponentState.RUNNING);
        k8s.apps().deployments().inNamespace(NS).withName("web").scale(2);
        LiveChecks.await("2 web pods after scaling (pulling their image may fail; they only need to exist)", KIND_WAIT,
                () -> k8s.pods().inNamespace(NS).withLabel("app", "web").list().getItems().size() == 2);
    }

    @Test
    @Order(5)
    void pausedSchedulerIsReportedPausedAndResumes() {
        cluster.pause(Component.SCHEDULER);
        assertThat(cluster.state(Component.SCHEDULER)).isEqualTo(ComponentState.PAUSED);
        cluster.resume(Component.SCHEDULER);
        assertThat(cluster.state(Component.SCHEDULER)).isEqualTo(ComponentState.RUNNING);
    }

    @Test
    @Order(6)
    void restoringTheSteadyStateBringsADeletedObjectBack() {
        k8s.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata()
                .withData(Map.of("mode", "steady")).build()).create();
        cluster.saveSteadyState();
        k8s.configMaps().inNamespace(NS).withName("settings").delete();
        k8s.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("intruder").endMetadata()
                .build()).create();
        LiveChecks.await("settings deleted", KIND_WAIT, () -> k8s.configMaps().inNamespace(NS).withName("settings").get() == null);

        cluster.restoreSteadyState();

        LiveChecks.await("settings back", KIND_WAIT, () -> k8s.configMaps().inNamespace(NS).withName("settings").get() != null);
        assertThat(k8s.configMaps().inNamespace(NS).withName("settings").get().getData()).containsEntry("mode", "steady");
        LiveChecks.await("intruder gone", KIND_WAIT, () -> k8s.configMaps().inNamespace(NS).withName("intruder").get() == null);
    }

    @Test
    @Order(7)
    void closeRemovesTheWorkDirectory() {
        Path workDir = cluster.workDir();
        cluster.close();
        assertThat(workDir).doesNotExist();
        cluster.close(); // idempotent
    }

}
