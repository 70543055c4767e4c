package dev.mutineer.campaign.run;

import dev.mutineer.cluster.node.NodeContainer;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RealPodsTest {

    private static final String NODE = "real-node-0";

    private static Pod pod(String name, String uid, String node, boolean ready) {
        return new PodBuilder().withNewMetadata().withNamespace("echo").withName(name).withUid(uid).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("echo").endContainer().endSpec()
                .withNewStatus().withPhase("Running").addToContainerStatuses(ready
                        ? new ContainerStatusBuilder().withName("echo").withReady(true).withNewState().withNewRunning().endRunning().endState().build()
                        : new ContainerStatusBuilder().withName("echo").withReady(false).withNewState().withNewWaiting()
                        .withReason("ContainerCreating").endWaiting().endState().build()).endStatus().build();
    }

    private static NodeContainer running(String uid, String podName, String container) {
        return new NodeContainer(NODE, "c-" + uid + "-" + container, uid, "echo", podName, container);
    }

    @Test
    void readyPodsWhoseContainersRunAreAtRest() {
        Pod a = pod("echo-a", "u-a", NODE, true);
        Pod kwok = pod("echo-k", "u-k", "kwok-node-0", false); // not a real node's: kwok's business
        assertThat(RealPods.notAtRest(List.of(a, kwok), Map.of(NODE, List.of(running("u-a", "echo-a", ""),
                running("u-a", "echo-a", "echo"))))).isEmpty();
    }

    @Test
    void aPodNotYetStartedIsWaitedFor() {
        Pod a = pod("echo-a", "u-a", NODE, false);
        assertThat(RealPods.notAtRest(List.of(a), Map.of(NODE, List.of(running("u-a", "echo-a", ""))))).containsExactly(
                "pod echo/echo-a on real-node-0: not running and ready in its status: echo (ContainerCreating);"
                        + " no running container on the node for echo");
    }

    /** The restore wrote the saved status back (ready), but kubelet has not started the pod again. */
    @Test
    void aRestoredReadyStatusWithNothingRunningIsNotAtRest() {
        Pod a = pod("echo-a", "u-a", NODE, true);
        assertThat(RealPods.notAtRest(List.of(a), Map.of(NODE, List.of()))).containsExactly(
                "pod echo/echo-a on real-node-0: no running container on the node for echo");
    }

    @Test
    void containersOfAPodGoneFromTheApiAreLeftovers() {
        Pod a = pod("echo-a", "u-a", NODE, true);
        assertThat(RealPods.notAtRest(List.of(a), Map.of(NODE, List.of(running("u-a", "echo-a", "echo"),
                running("u-x", "echo-x", "echo"), running("u-x", "echo-x", ""))))).containsExactly(
                "pod echo/echo-x (uid u-x) is gone from the API but still runs on real-node-0: container echo, its sandbox");
    }

    @Test
    void aPodRunningOnAnotherNodeThanItsBindingIsNotAtRest() {
        Pod a = pod("echo-a", "u-a", "real-node-1", true);
        assertThat(RealPods.notAtRest(List.of(a), Map.of(NODE, List.of(running("u-a", "echo-a", "echo")),
                "real-node-1", List.of(new NodeContainer("real-node-1", "c2", "u-a", "echo", "echo-a", "echo")))))
                .containsExactly("pod echo/echo-a (uid u-a) is bound to real-node-1 but still runs on real-node-0: container echo");
    }

    @Test
    void terminatingAndCompletedPods() {
        Pod terminating = new PodBuilder(pod("echo-t", "u-t", NODE, true)).editMetadata()
                .withDeletionTimestamp("2026-12-01T12:00:00Z").endMetadata().build();
        Pod done = new PodBuilder(pod("job-d", "u-d", NODE, false)).editStatus().withPhase("Succeeded").endStatus().build();
        assertThat(RealPods.notAtRest(List.of(terminating, done), Map.of(NODE, List.of(running("u-t", "echo-t", "echo")))))
                .containsExactly("pod echo/echo-t on real-node-0 is terminating");
    }
}
