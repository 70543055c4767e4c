package dev.mutineer.cluster.kind;

import com.dajudge.kindcontainer.KindContainerVersion;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dev.mutineer.cluster.Cluster;
import dev.mutineer.cluster.ClusterConfig;
import dev.mutineer.cluster.Clusters;
import dev.mutineer.cluster.local.LocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the kind backend decides before any container exists; runs everywhere. */
class KindClusterConfigTest {

    @Test
    void defaultImageIsTheNewestKindcontainerKnows() {
        KindContainerVersion newest = KindVersions.resolve(Optional.empty());
        assertThat(Arrays.stream(KindContainerVersion.values()))
                .allSatisfy(v -> assertThat(KindVersions.compare(v.descriptor().getKubernetesVersion(),
                        newest.descriptor().getKubernetesVersion())).isLessThanOrEqualTo(0));
    }

    @Test
    void minorVersionPicksTheNewestPatchOfIt() {
        assertThat(KindVersions.resolve(Optional.of("1.24")).descriptor().getKubernetesVersion()).isEqualTo("v1.24.3");
        assertThat(KindVersions.resolve(Optional.of("v1.33.4"))).isEqualTo(KindContainerVersion.VERSION_1_33_4);
        assertThatThrownBy(() -> KindVersions.resolve(Optional.of("1.99")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.99").hasMessageContaining("v1.34.0");
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(KindVersions.compare("v1.9.0", "v1.10.0")).isNegative();
        assertThat(KindVersions.compare("1.34.0", "v1.34.0")).isZero();
    }

    @Test
    void moreThanOneNodeIsRefusedUpFront() {
        assertThatThrownBy(() -> new KindCluster().withNodes(3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("single node");
        assertThatThrownBy(() -> Clusters.create(new ClusterConfig(ClusterConfig.KIND, 2, Map.of(), Optional.empty(), false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("local backend");
    }

    @Test
    void factoryReturnsAnUnstartedClusterOfTheNamedBackend() {
        Cluster kind = Clusters.create(new ClusterConfig(ClusterConfig.KIND, 1, Map.of("A", true), Optional.empty(), false));
        assertThat(kind).isInstanceOf(KindCluster.class);
        assertThat(kind.backend()).isEqualTo("kind");
        assertThatThrownBy(kind::kubeconfig).isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
        kind.close(); // closing an unstarted cluster is harmless

        Cluster local = Clusters.create(ClusterConfig.local(2));
        assertThat(local).isInstanceOf(LocalCluster.class);
        local.close();
    }

    @Test
    void exposedPortsAreBoundToLoopbackOnALocalEngine() {
        ExposedPort api = ExposedPort.tcp(6443);
        ExposedPort etcd = ExposedPort.tcp(KindNode.ETCD_CLIENT_PORT);
        Ports asked = new Ports();
        asked.bind(api, Ports.Binding.bindPort(16443));

        Ports bound = LoopbackPorts.bindings(new ExposedPort[]{api, etcd}, asked);

        assertThat(bound.getBindings().get(api)).containsExactly(new Ports.Binding("127.0.0.1", "16443"));
        assertThat(bound.getBindings().get(etcd)).containsExactly(new Ports.Binding("127.0.0.1", null));
        assertThat(LoopbackPorts.isLoopback("localhost")).isTrue();
        assertThat(LoopbackPorts.isLoopback("192.168.99.100")).as("remote engine: leave its bindings alone").isFalse();
    }

    @Test
    void kwokIsNotAKindComponent() {
        assertThatThrownBy(() -> StaticPods.name(dev.mutineer.cluster.Component.KWOK))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("kind backend");
    }

    @Test
    @DisabledIf(value = "dev.mutineer.cluster.kind.KindCluster#dockerAvailable", disabledReason = "a Docker engine is available")
    void withoutDockerStartSaysSoAndLeavesNothingBehind() {
        KindCluster cluster = new KindCluster();
        assertThatThrownBy(cluster::start).isInstanceOf(DockerUnavailableException.class)
                .hasMessageContaining("no Docker engine").hasMessageContaining("--backend local");
        assertThatThrownBy(cluster::workDir).isInstanceOf(IllegalStateException.class);
    }
}
