package dev.mutineer.cluster.node;

import java.nio.file.Path;

/**
 * Where one real node keeps its state: everything under {@code root}, so that nodes and clusters side
 * by side never share a directory and close() can unmount and delete one tree. Its processes' logs and
 * PID files go to the cluster's {@code logs} and {@code pids} directories, where the watchdog looks.
 * {@code cgroupRoot} is the node's cgroup (in every v1 hierarchy) under which kubelet puts kubepods.
 */
public record NodeLayout(String node, Path root, Path logs, Path pids, String cgroupRoot) {

    /** The layout of node {@code node} of the cluster whose work directory is {@code clusterWorkDir}. */
    public static NodeLayout of(Path clusterWorkDir, String clusterId, String node) {
        return new NodeLayout(node, clusterWorkDir.resolve("nodes").resolve(node), clusterWorkDir.resolve("logs"),
                clusterWorkDir.resolve("pids"), "/" + cgroupName(clusterId, node));
    }

    /** A cgroup name from the cluster and node: "mutineer-" then only characters a path segment may hold. */
    static String cgroupName(String clusterId, String node) {
        return ("mutineer-" + clusterId + "-" + node).replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    public Path containerdConfig() {
        return root.resolve("containerd.toml");
    }

    public Path containerdRoot() {
        return root.resolve("containerd");
    }

    public Path containerdState() {
        return root.resolve("run");
    }

    public Path containerdSocket() {
        return containerdState().resolve("containerd.sock");
    }

    public Path cniConfDir() {
        return root.resolve("cni/net.d");
    }

    /** host-local IPAM's allocations (default /var/lib/cni/networks, shared by every node). */
    public Path cniIpamDir() {
        return root.resolve("cni/ipam");
    }

    public Path kubeletRoot() {
        return root.resolve("kubelet");
    }

    public Path kubeletCertDir() {
        return root.resolve("kubelet-pki");
    }

    public Path kubeletConfig() {
        return root.resolve("kubelet-config.yaml");
    }

    public Path kubeletKubeconfig() {
        return root.resolve("kubelet.kubeconfig");
    }

    public Path podLogsDir() {
        return root.resolve("pod-logs");
    }

    public Path volumePluginDir() {
        return root.resolve("volume-plugins");
    }

    public Path proxyConfig() {
        return root.resolve("kube-proxy-config.yaml");
    }

    public Path proxyKubeconfig() {
        return root.resolve("kube-proxy.kubeconfig");
    }
}
