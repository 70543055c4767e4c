package dev.mutineer.cluster.node;

/**
 * A container that runs on a real node, as its containerd knows it (CRI namespace {@code k8s.io}), with the pod
 * kubelet made it for (the CRI labels {@code io.kubernetes.pod.*}). A pod's sandbox is a container too, with no
 * container name.
 *
 * @param node      the real node it runs on
 * @param id        containerd's container ID
 * @param podUid    {@code io.kubernetes.pod.uid}
 * @param container {@code io.kubernetes.container.name}; empty for the pod's sandbox
 */
public record NodeContainer(String node, String id, String podUid, String podNamespace, String podName, String container) {

    public boolean sandbox() {
        return container.isEmpty();
    }
}
