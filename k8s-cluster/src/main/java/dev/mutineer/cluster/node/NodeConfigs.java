package dev.mutineer.cluster.node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The configuration files and command lines of one real node's daemons: pure functions of its
 * {@link NodeLayout} and {@link NodeSettings}. The workarounds they carry are those checked on these
 * machines (DESIGN.md, "Real nodes"); each says why where it is set.
 */
public final class NodeConfigs {

    /** The CNI plugins of Debian's containernetworking-plugins. */
    public static final Path CNI_BIN_DIR = Path.of("/usr/lib/cni");

    private NodeConfigs() {
    }

    /** containerd 1.6 (config version 2): its own root, state and socket, and the CRI settings kubelet needs here. */
    public static String containerdConfig(NodeLayout l, String pauseImage) {
        String cri = "[plugins.\"io.containerd.grpc.v1.cri\"";
        return """
                version = 2
                root = "%1$s"
                state = "%2$s"
                # Snapshotters that need kernel features or tools this host lacks only log errors.
                disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", \
                "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.zfs", \
                "io.containerd.tracing.processor.v1.otlp", "io.containerd.internal.v1.tracing"]

                [grpc]
                  address = "%3$s"

                [plugins."io.containerd.internal.v1.opt"]
                  path = "%1$s/opt"

                %4$s]
                  sandbox_image = "%5$s"
                  # Root here lacks CAP_SYS_RESOURCE: without this every sandbox fails ("can't get final child's PID from pipe").
                  restrict_oom_score_adj = true
                  # Pod network namespaces under the node's state, not /var/run/netns, so close() finds and removes them.
                  netns_mounts_under_state_dir = true
                  stream_server_address = "127.0.0.1"
                  stream_server_port = "0"
                  disable_apparmor = true

                %4$s.containerd]
                  snapshotter = "overlayfs"
                  default_runtime_name = "runc"

                %4$s.containerd.runtimes.runc]
                  runtime_type = "io.containerd.runc.v2"

                %4$s.containerd.runtimes.runc.options]
                  SystemdCgroup = false
                  # runc's state, by default /run/containerd/runc, shared by every containerd.
                  Root = "%2$s/runc"

                %4$s.cni]
                  bin_dir = "%6$s"
                  conf_dir = "%7$s"
                  max_conf_num = 1
                """.formatted(l.containerdRoot(), l.containerdState(), l.containerdSocket(), cri, pauseImage,
                CNI_BIN_DIR, l.cniConfDir());
    }

    /** The node's pod network: a bridge of its own with host-local addresses from its podCIDR. */
    public static String cniConfig(NodeLayout l, String podCidr) {
        return """
                {
                  "cniVersion": "0.4.0",
                  "name": "mutineer",
                  "plugins": [
                    {
                      "type": "bridge",
                      "bridge": "%s",
                      "isGateway": true,
                      "ipMasq": false,
                      "hairpinMode": true,
                      "ipam": {
                        "type": "host-local",
                        "ranges": [[{"subnet": "%s"}]],
                        "routes": [{"dst": "0.0.0.0/0"}],
                        "dataDir": "%s"
                      }
                    },
                    {"type": "portmap", "capabilities": {"portMappings": true}}
                  ]
                }
                """.formatted(bridgeName(l.node()), podCidr, l.cniIpamDir());
    }

    /** A bridge name per node (nodes of a cluster share one namespace), within the kernel's 15 characters. */
    static String bridgeName(String node) {
        return "cni-" + Integer.toHexString(node.hashCode() & 0x7fffffff);
    }

    /**
     * The KubeletConfiguration. cgroup v1 here: failCgroupV1 false, cgroupfs; everything kubelet would
     * write outside its root dir is moved under the node's (pod logs, volume plugins, cgroups).
     */
    public static String kubeletConfig(NodeLayout l, NodeSettings s, Path caCert) {
        return """
                apiVersion: kubelet.config.k8s.io/v1beta1
                kind: KubeletConfiguration
                failCgroupV1: false
                cgroupDriver: cgroupfs
                cgroupRoot: %1$s
                cgroupsPerQOS: true
                enforceNodeAllocatable: ["pods"]
                containerRuntimeEndpoint: unix://%2$s
                podLogsDir: %3$s
                volumePluginDir: %4$s
                address: %5$s
                port: %6$d
                readOnlyPort: 0
                healthzBindAddress: 127.0.0.1
                healthzPort: %7$d
                authentication:
                  anonymous: {enabled: true}
                  webhook: {enabled: false}
                  x509: {clientCAFile: %8$s}
                authorization: {mode: AlwaysAllow}
                failSwapOn: false
                # No cluster DNS, and the host's resolvers are outside the namespace anyway.
                resolvConf: ""
                registerNode: true
                rotateCertificates: false
                serializeImagePulls: false
                # Imported images are never pulled again: image GC must not remove them.
                imageGCHighThresholdPercent: 100
                imageGCLowThresholdPercent: 99
                evictionHard: {"memory.available": "50Mi", "nodefs.available": "1%%", "imagefs.available": "1%%", "nodefs.inodesFree": "1%%"}
                maxPods: 110
                shutdownGracePeriod: 0s
                """.formatted(l.cgroupRoot(), l.containerdSocket(), l.podLogsDir(), l.volumePluginDir(), s.nodeIp(),
                s.kubeletPort(), s.kubeletHealthzPort(), caCert);
    }

    public static List<String> kubeletCommand(Path kubelet, NodeLayout l, NodeSettings s) {
        List<String> cmd = new ArrayList<>(List.of(kubelet.toString(),
                "--config=" + l.kubeletConfig(),
                "--kubeconfig=" + l.kubeletKubeconfig(),
                "--root-dir=" + l.kubeletRoot(),
                "--cert-dir=" + l.kubeletCertDir(),
                "--hostname-override=" + l.node(),
                "--node-ip=" + s.nodeIp(),
                "--v=1"));
        if (!s.labels().isEmpty()) {
            cmd.add("--node-labels=" + s.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(",")));
        }
        return cmd;
    }

    /** kube-proxy in nftables mode; conntrack settings zero, so it writes no host-wide sysctl. */
    public static String kubeProxyConfig(NodeLayout l, NodeSettings s) {
        return """
                apiVersion: kubeproxy.config.k8s.io/v1alpha1
                kind: KubeProxyConfiguration
                mode: nftables
                clientConnection:
                  kubeconfig: %s
                hostnameOverride: %s
                clusterCIDR: %s
                healthzBindAddress: 127.0.0.1:%d
                metricsBindAddress: 127.0.0.1:%d
                nodePortAddresses: ["%s/32"]
                conntrack:
                  maxPerCore: 0
                  min: 0
                  tcpEstablishedTimeout: 0s
                  tcpCloseWaitTimeout: 0s
                  udpTimeout: 0s
                  udpStreamTimeout: 0s
                """.formatted(l.proxyKubeconfig(), l.node(), s.clusterCidr(), s.proxyHealthzPort(), s.proxyMetricsPort(),
                s.nodeIp());
    }

    public static List<String> kubeProxyCommand(Path kubeProxy, NodeLayout l) {
        return List.of(kubeProxy.toString(), "--config=" + l.proxyConfig(), "--v=1");
    }

    public static List<String> containerdCommand(NodeLayout l) {
        return List.of("containerd", "--config", l.containerdConfig().toString());
    }

    /** Imports an image tarball into the node's containerd, in kubelet's namespace (k8s.io). */
    public static List<String> importCommand(NodeLayout l, Path tarball) {
        return List.of("ctr", "--address", l.containerdSocket().toString(), "-n", "k8s.io", "images", "import",
                tarball.toString());
    }

    /** The settings of a node that are not paths: its IP, ports (unique within the namespace), CIDR, labels. */
    public record NodeSettings(String nodeIp, int kubeletPort, int kubeletHealthzPort, int proxyHealthzPort,
                               int proxyMetricsPort, String clusterCidr, Map<String, String> labels) {
        public NodeSettings {
            labels = Map.copyOf(labels);
        }
    }
}
