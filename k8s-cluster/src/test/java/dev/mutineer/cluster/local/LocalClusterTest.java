package dev.mutineer.cluster.local;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.mutineer.cluster.local.LiveChecks.await;
import static dev.mutineer.cluster.local.LiveChecks.deployment;
import static dev.mutineer.cluster.local.LiveChecks.readyEndpoints;
import static dev.mutineer.cluster.local.LiveChecks.runningPods;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real 3-node local cluster shared by the tests of this class, which run in order. Public, and in the
 * test-jar: the injector runs the same tests against a cluster whose API server reaches etcd through its
 * interposer (a subclass whose startCluster/stopCluster hide these).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class LocalClusterTest {

    protected static final String NS = "default";
    protected static LocalCluster cluster;
    protected static KubernetesClient k8s;

    @BeforeAll
    protected static void startCluster() {
        cluster = new LocalCluster().withNodes(3).start();
        k8s = cluster.client();
    }

    @AfterAll
    protected static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void deploymentGetsThreeRunningPodsOnSimulatedNodesAndServiceEndpoints() {
        k8s.apps().deployments().inNamespace(NS).resource(deployment("web", 3)).create();
        k8s.services().inNamespace(NS).resource(new ServiceBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec().addToSelector("app", "web")
                .addNewPort().withPort(80).withTargetPort(new IntOrString(8080)).endPort().endSpec()
                .build()).create();

        await("3 web pods Running with IPs", () -> runningPods(k8s, NS, "web").size() == 3);
        List<Pod> pods = runningPods(k8s, NS, "web");
        assertThat(pods).allSatisfy(p -> {
            assertThat(p.getSpec().getNodeName()).startsWith(LocalCluster.NODE_PREFIX);
            assertThat(p.getStatus().getPodIP()).startsWith("10.244.");
        });
        await("EndpointSlice of web lists 3 ready endpoints", () -> readyEndpoints(k8s, NS, "web") == 3);
    }

    @Test
    @Order(2)
    void deploymentIsStoredInEtcdAsKubernetesProtobuf() throws Exception {
        try (Client etcd = cluster.etcd().connect()) {
            List<KeyValue> kvs = etcd.getKVClient()
                    .get(ByteSequence.from("/registry/deployments/" + NS + "/web", StandardCharsets.UTF_8))
                    .get(10, TimeUnit.SECONDS).getKvs();
            assertThat(kvs).hasSize(1);
            byte[] value = kvs.get(0).getValue().getBytes();
            assertThat(Arrays.copyOf(value, 4)).containsExactly(0x6b, 0x38, 0x73, 0x00);
        }
    }

    @Test
    @Order(3)
    void killedControllerManagerIsReportedDownAndRestartRestoresScaling() {
        cluster.kill(Component.CONTROLLER_MANAGER);
        assertThat(cluster.state(Component.CONTROLLER_MANAGER)).isEqualTo(ComponentState.DOWN);
        assertThat(cluster.healthy(Component.CONTROLLER_MANAGER)).isFalse();

        cluster.restart(Component.CONTROLLER_MANAGER);
        assertThat(cluster.state(Component.CONTROLLER_MANAGER)).isEqualTo(ComponentState.RUNNING);
        k8s.apps().deployments().inNamespace(NS).withName("web").scale(5);
        await("5 web pods after scaling", () -> runningPods(k8s, NS, "web").size() == 5);
        k8s.apps().deployments().inNamespace(NS).withName("web").scale(3);
        await("3 web pods after scaling back", () -> runningPods(k8s, NS, "web").size() == 3);
    }

    @Test
    @Order(4)
    void pausedComponentIsReportedPausedAndResumes() {
        cluster.pause(Component.SCHEDULER);
        assertThat(cluster.state(Component.SCHEDULER)).isEqualTo(ComponentState.PAUSED);
        cluster.resume(Component.SCHEDULER);
        assertThat(cluster.state(Component.SCHEDULER)).isEqualTo(ComponentState.RUNNING);
        await("scheduler healthy after resume", () -> cluster.healthy(Component.SCHEDULER));
    }

    @Test
    @Order(5)
    void restoringTheSteadyStateBringsADeletedDeploymentBack() {
        await("web settled at 3 ready endpoints", () -> readyEndpoints(k8s, NS, "web") == 3);
        cluster.saveSteadyState();
        k8s.apps().deployments().inNamespace(NS).withName("web").delete();
        await("web deployment and its pods gone", () -> k8s.apps().deployments().inNamespace(NS).withName("web").get() == null
                && runningPods(k8s, NS, "web").isEmpty());
        cluster.kill(Component.SCHEDULER);

        cluster.restoreSteadyState();

        assertThat(k8s.apps().deployments().inNamespace(NS).withName("web").get()).isNotNull();
        assertThat(cluster.state(Component.SCHEDULER)).isEqualTo(ComponentState.RUNNING);
        await("3 web pods Running again", () -> runningPods(k8s, NS, "web").size() == 3);
        await("web endpoints ready again", () -> readyEndpoints(k8s, NS, "web") == 3);
    }

}
