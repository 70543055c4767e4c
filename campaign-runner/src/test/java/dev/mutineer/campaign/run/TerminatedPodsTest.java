package dev.mutineer.campaign.run;

import dev.mutineer.cluster.node.NodeContainer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TerminatedPodsTest {

    private static NodeContainer container(String node, String uid, String name, String container) {
        return new NodeContainer(node, "id-" + uid + container, uid, "echo", name, container);
    }

    private static Pod pod(String uid, String name, boolean deleting) {
        PodBuilder b = new PodBuilder().withNewMetadata().withNamespace("echo").withName(name).withUid(uid).endMetadata();
        if (deleting) {
            b.editMetadata().withDeletionTimestamp("2026-12-01T19:00:00Z").endMetadata();
        }
        return b.build();
    }

    @Test
    void onePerPodSkipsSandboxesAndSecondContainers() {
        List<NodeContainer> one = TerminatedPods.onePerPod(Map.of("real-node-0", List.of(
                container("real-node-0", "a", "web-a", ""), container("real-node-0", "a", "web-a", "echo"),
                container("real-node-0", "a", "web-a", "sidecar"), container("real-node-0", "b", "web-b", ""))));
        assertThat(one).extracting(NodeContainer::podUid).containsExactly("a");
    }

    @Test
    void aSavedPodIsTerminatedWhenDeletedBeingDeletedOrNotRunning() {
        List<NodeContainer> saved = List.of(container("real-node-0", "a", "web-a", "echo"),
                container("real-node-0", "b", "web-b", "echo"), container("real-node-1", "c", "web-c", "echo"),
                container("real-node-1", "d", "web-d", "echo"));
        List<Pod> now = List.of(pod("b", "web-b", true), pod("c", "web-c", false), pod("d", "web-d", false),
                pod("e", "web-e", false));
        Map<String, List<NodeContainer>> running = Map.of(
                "real-node-0", List.of(container("real-node-0", "b", "web-b", "echo"), container("real-node-0", "c", "web-c", "echo")),
                "real-node-1", List.of(container("real-node-1", "d", "web-d", ""), container("real-node-1", "e", "web-e", "echo")));

        assertThat(TerminatedPods.of(saved, now, running)).containsExactly(
                "echo/web-a (uid a) on real-node-0: deleted",
                "echo/web-b (uid b) on real-node-0: being deleted",
                // runs, but on the other node: not where it was saved
                "echo/web-c (uid c) on real-node-1: no container running",
                // only its sandbox is left
                "echo/web-d (uid d) on real-node-1: no container running");
    }

    @Test
    void nothingWhenEverySavedPodRunsWhereItRan() {
        List<NodeContainer> saved = List.of(container("real-node-0", "a", "web-a", "echo"));
        assertThat(TerminatedPods.of(saved, List.of(pod("a", "web-a", false), pod("x", "web-x", false)),
                Map.of("real-node-0", List.of(container("real-node-0", "a", "web-a", "echo"))))).isEmpty();
    }
}
