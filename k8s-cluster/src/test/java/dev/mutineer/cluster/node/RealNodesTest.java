package dev.mutineer.cluster.node;

import dev.mutineer.cluster.Component;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which real nodes run which daemon: what validation and planning know before a cluster starts. */
class RealNodesTest {

    @Test
    void containerdAndKubeletRunOnEveryNodeKubeProxyOnTheFirst() {
        assertThat(RealNodes.running(Component.KUBELET, 3)).containsExactly("real-node-0", "real-node-1", "real-node-2");
        assertThat(RealNodes.running(Component.CONTAINERD, 2)).containsExactly("real-node-0", "real-node-1");
        assertThat(RealNodes.running(Component.KUBE_PROXY, 3)).containsExactly("real-node-0");
        assertThat(RealNodes.running(Component.KUBELET, 0)).isEmpty();
        assertThat(RealNodes.running(Component.KUBE_PROXY, 0)).isEmpty();
        assertThat(RealNodes.running(Component.SCHEDULER, 3)).as("a control-plane process").isEmpty();
    }

    @Test
    void nodeComponentsParseByBinaryAndShortNameAndStandApartFromTheControlPlane() {
        assertThat(Component.parse("kubelet")).isEqualTo(Component.KUBELET);
        assertThat(Component.parse("proxy")).isEqualTo(Component.KUBE_PROXY);
        assertThat(Component.parse("KUBE_PROXY")).isEqualTo(Component.KUBE_PROXY);
        assertThat(Component.parse("containerd")).isEqualTo(Component.CONTAINERD);
        assertThat(Component.controlPlane()).containsExactly(Component.ETCD, Component.APISERVER,
                Component.CONTROLLER_MANAGER, Component.SCHEDULER, Component.KWOK);
        assertThat(Component.nodeComponents()).containsExactly(Component.CONTAINERD, Component.KUBELET, Component.KUBE_PROXY)
                .allMatch(Component::onNode);
    }
}
