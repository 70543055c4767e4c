package dev.mutineer.cluster.node;

import java.nio.file.Path;

/**
 * Where one real node keeps its state: everything under {@code root} (see {@link #ROOTS}), so that nodes and clusters side
 * by side never share a directory and close() can unmount and delete one tree. Its processes' logs and
 * PID files go to the cluster's {@code logs} and {@code pids} directories, where the watchdog looks.
 * {@code cgroupRoot} is the node's cgroup (in every v1 hierarchy) under which kubelet puts kubepods.
 */
public record NodeLayout(String node, Path root, Path configs, Path logs, Path pids, String cgroupRoot) {

    /**
     * Where the nodes' roots are. Not in the cluster's work directory: containerd and kubelet listen on Unix sockets
     * under their roots ({@code kubelet/pod-resources/NNN}, {@code run/containerd.sock.ttrpc}), a socket path holds at
     * most 104 bytes, and a work directory below a --work-dir or a JUnit temp directory is longer than that allows.
     */
    public static final Path ROOTS = Path.of("/var/lib/mutineer/nodes");

    /**
     * The layout of node {@code node} of the cluster whose work directory is {@code clusterWorkDir}: its root is
     * {@link #ROOTS}{@code /n-<hash of cluster id and node>}, short and distinct per cluster and node.
     */
    public static NodeLayout of(Path clusterWorkDir, String clusterId, String node) {
        return of(ROOTS.resolve(rootName(clusterId, node)), clusterWorkDir, clusterId, node);
    }

    /**
     * The layout with its root at {@code root}. Its configuration files go to {@code <work dir>/nodes/<node>}: the
     * daemons' command lines name them, so the cluster's watchdog and reaper, which kill only processes whose command
     * line names the work directory, recognise the daemons.
     */
    public static NodeLayout of(Path root, Path clusterWorkDir, String clusterId, String node) {
        return new NodeLayout(node, root, clusterWorkDir.resolve("nodes").resolve(node), clusterWorkDir.resolve("logs"),
                clusterWorkDir.resolve("pids"), "/" + cgroupName(clusterId, node));
    }

    static String rootName(String clusterId, String node) {
        return "n-" + ImageTarball.sha256((clusterId + "/" + node).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .substring(0, 16);
    }

    /** A cgroup name from the cluster and node: "mutineer-" then only characters a path segment may hold. */
    static String cgroupName(String clusterId, String node) {
        return ("mutineer-" + clusterId + "-" + node).replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    public Path containerdConfig() {
        return configs.resolve("containerd.toml");
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
        return configs.resolve("kubelet-config.yaml");
    }

    public Path kubeletKubeconfig() {
        return configs.resolve("kubelet.kubeconfig");
    }

    public Path podLogsDir() {
        return root.resolve("pod-logs");
    }

    public Path volumePluginDir() {
        return root.resolve("volume-plugins");
    }

    public Path proxyConfig() {
        return configs.resolve("kube-proxy-config.yaml");
    }

    public Path proxyKubeconfig() {
        return configs.resolve("kube-proxy.kubeconfig");
    }
}
