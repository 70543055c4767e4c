package dev.mutineer.cluster.node;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeContainersTest {

    @Test
    void onlyTasksThatStillHoldProcessesCount() {
        String tasks = """
                TASK                                                                PID      STATUS
                5c1d0e8b2a9f                                                        4711     RUNNING
                77aa00ff11bb                                                        0        STOPPED
                9e9e9e9e9e9e                                                        4800     PAUSED
                0c0c0c0c0c0c                                                        4801     CREATED
                """;
        assertThat(NodeContainers.liveTasks(tasks)).containsExactly("5c1d0e8b2a9f", "9e9e9e9e9e9e");
        assertThat(NodeContainers.liveTasks("TASK    PID    STATUS\n")).isEmpty();
    }

    @Test
    void aContainerIsNamedByItsPodsCriLabels() {
        String info = """
                {"ID": "5c1d0e8b2a9f", "Labels": {"io.cri-containerd.kind": "container",
                  "io.kubernetes.container.name": "echo", "io.kubernetes.pod.name": "echo-7f9-abcde",
                  "io.kubernetes.pod.namespace": "echo", "io.kubernetes.pod.uid": "0b7c-uid"},
                 "Image": "mutineer.local/http-echo:1", "Spec": {"ociVersion": "1.0.2"}}
                """;
        NodeContainer c = NodeContainers.fromInfo("real-node-0", info).orElseThrow();
        assertThat(c).isEqualTo(new NodeContainer("real-node-0", "5c1d0e8b2a9f", "0b7c-uid", "echo", "echo-7f9-abcde", "echo"));
        assertThat(c.sandbox()).isFalse();
    }

    @Test
    void aSandboxHasNoContainerNameAndAContainerWithoutPodIsNotKubelets() {
        String sandbox = """
                {"ID": "aa11", "Labels": {"io.cri-containerd.kind": "sandbox", "io.kubernetes.pod.name": "p",
                  "io.kubernetes.pod.namespace": "n", "io.kubernetes.pod.uid": "u1"}}
                """;
        assertThat(NodeContainers.fromInfo("real-node-1", sandbox).orElseThrow().sandbox()).isTrue();
        assertThat(NodeContainers.fromInfo("real-node-1", "{\"ID\": \"bb22\", \"Labels\": {}}")).isEmpty();
        assertThatThrownBy(() -> NodeContainers.fromInfo("real-node-1", "ctr: container \"x\" not found"))
                .hasMessageContaining("real-node-1");
    }

    /** What containerd 1.6.20's CRI plugin wrote into a shop pod's bundles (trimmed). */
    @Test
    void aBundleNamesItsPodByTheCriAnnotations() {
        String container = """
                {"ociVersion": "1.0.2-dev", "annotations": {"io.kubernetes.cri.container-name": "web",
                  "io.kubernetes.cri.container-type": "container", "io.kubernetes.cri.image-name": "mutineer.local/http-echo:1",
                  "io.kubernetes.cri.sandbox-id": "36f8", "io.kubernetes.cri.sandbox-name": "frontend-cffdbfc9d-9rn2w",
                  "io.kubernetes.cri.sandbox-namespace": "shop", "io.kubernetes.cri.sandbox-uid": "3569af8c"}}
                """;
        String sandbox = """
                {"annotations": {"io.kubernetes.cri.container-type": "sandbox", "io.kubernetes.cri.sandbox-id": "18b5",
                  "io.kubernetes.cri.sandbox-name": "frontend-cffdbfc9d-t8dd5", "io.kubernetes.cri.sandbox-namespace": "shop",
                  "io.kubernetes.cri.sandbox-uid": "54955a4f"}}
                """;
        assertThat(NodeContainers.fromBundleConfig("real-node-0", "5c1d", container)).contains(
                new NodeContainer("real-node-0", "5c1d", "3569af8c", "shop", "frontend-cffdbfc9d-9rn2w", "web"));
        assertThat(NodeContainers.fromBundleConfig("real-node-0", "18b5", sandbox).orElseThrow().sandbox()).isTrue();
    }

    /** Without the CRI's annotations, or before the file is whole, the bundle says nothing: ctr is asked instead. */
    @Test
    void aBundleWithoutCriAnnotationsSaysNothing() {
        assertThat(NodeContainers.fromBundleConfig("n", "a", "{\"ociVersion\": \"1.0.2\"}")).isEmpty();
        assertThat(NodeContainers.fromBundleConfig("n", "a", "{\"annotations\": {\"io.kubernetes.cri.container-type\": "
                + "\"container\", \"io.kubernetes.cri.sandbox-uid\": \"u\"}}")).as("a container without its name").isEmpty();
        assertThat(NodeContainers.fromBundleConfig("n", "a", "{\"annotations\": {\"io.kub")).isEmpty();
    }
}
