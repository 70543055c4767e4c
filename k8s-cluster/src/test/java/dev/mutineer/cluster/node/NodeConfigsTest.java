package dev.mutineer.cluster.node;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The real node's configuration files and command lines: everything under its own root, the host's workarounds in place. */
class NodeConfigsTest {

    private final NodeLayout layout = NodeLayout.of(Path.of("/w/c1/nodes/real-0"), Path.of("/w/c1"), "c1", "real-0");
    private final NodeConfigs.NodeSettings settings = new NodeConfigs.NodeSettings("10.200.0.1", 10250, 21000, 21001, 21002,
            "10.244.0.0/16", Map.of("type", "real"));

    @Test
    void layoutKeepsEveryDirectoryUnderTheNodeRootAndLogsWithTheCluster() {
        assertThat(List.of(layout.containerdRoot(), layout.containerdState(), layout.containerdSocket(), layout.cniConfDir(),
                layout.cniIpamDir(), layout.kubeletRoot(), layout.kubeletCertDir(), layout.podLogsDir(), layout.volumePluginDir()))
                .allSatisfy(p -> assertThat(p.startsWith(Path.of("/w/c1/nodes/real-0"))).as("%s", p).isTrue());
        assertThat(layout.pids()).isEqualTo(Path.of("/w/c1/pids"));
        assertThat(layout.logs()).isEqualTo(Path.of("/w/c1/logs"));
        assertThat(layout.cgroupRoot()).isEqualTo("/mutineer-c1-real-0");
        assertThat(NodeLayout.cgroupName("c/1", "n 0")).isEqualTo("mutineer-c_1-n_0");
    }

    @Test
    void aNodesRootIsShortAndItsOwnWhateverTheWorkDirectory() {
        Path deep = Path.of("/tmp/junit-15158214256739538863/mutineer-local-16984418872504916967");
        NodeLayout l = NodeLayout.of(deep, "mutineer-local-16984418872504916967", "real-node-0");
        assertThat(l.root().getParent()).isEqualTo(NodeLayout.ROOTS);
        // kubelet and containerd listen on Unix sockets below their roots; a socket path holds at most 104 bytes here
        assertThat(l.kubeletRoot().resolve("pod-resources/1178926706").toString().length()).isLessThan(90);
        assertThat((l.containerdSocket() + ".ttrpc").length()).isLessThan(90);
        assertThat(l.logs()).isEqualTo(deep.resolve("logs"));
        // the watchdog and the reaper kill only processes whose command line names the cluster's work directory
        for (List<String> argv : List.of(NodeConfigs.containerdCommand(l), NodeConfigs.kubeletCommand(Path.of("/bin/kubelet"), l, settings),
                NodeConfigs.kubeProxyCommand(Path.of("/bin/kube-proxy"), l))) {
            assertThat(String.join(" ", argv)).as(argv.get(0)).contains(deep.toString());
        }
        assertThat(NodeLayout.of(deep, "mutineer-local-1", "real-node-0").root()).as("another cluster").isNotEqualTo(l.root());
        assertThat(NodeLayout.of(deep, "mutineer-local-16984418872504916967", "real-node-1").root()).as("another node")
                .isNotEqualTo(l.root());
    }

    @Test
    void containerdHasItsOwnRootStateSocketAndTheCriWorkarounds() {
        String toml = NodeConfigs.containerdConfig(layout, "mutineer.local/pause:1");
        assertThat(toml).contains("version = 2")
                .contains("root = \"/w/c1/nodes/real-0/containerd\"")
                .contains("state = \"/w/c1/nodes/real-0/run\"")
                .contains("address = \"/w/c1/nodes/real-0/run/containerd.sock\"")
                .contains("restrict_oom_score_adj = true")
                .contains("netns_mounts_under_state_dir = true")
                .contains("sandbox_image = \"mutineer.local/pause:1\"")
                .contains("bin_dir = \"/usr/lib/cni\"")
                .contains("conf_dir = \"/w/c1/nodes/real-0/cni/net.d\"")
                .contains("Root = \"/w/c1/nodes/real-0/run/runc\"")
                .contains("SystemdCgroup = false")
                .doesNotContain("/var/lib/containerd").doesNotContain("\"/run/containerd");
    }

    @Test
    void cniGivesTheNodeItsOwnBridgeAndAddressesFromItsPodCidr() {
        String conf = NodeConfigs.cniConfig(layout, "10.244.3.0/24");
        assertThat(conf).contains("\"type\": \"bridge\"").contains("\"subnet\": \"10.244.3.0/24\"")
                .contains("\"dataDir\": \"/w/c1/nodes/real-0/cni/ipam\"").contains("\"ipMasq\": false")
                .contains("\"bridge\": \"" + NodeConfigs.bridgeName("real-0") + "\"");
        assertThat(NodeConfigs.bridgeName("real-0")).hasSizeLessThanOrEqualTo(15).isNotEqualTo(NodeConfigs.bridgeName("real-1"));
    }

    @Test
    void kubeletRunsOnCgroupV1WithEveryPathMovedUnderTheNode() {
        String yaml = NodeConfigs.kubeletConfig(layout, settings, Path.of("/w/c1/pki/ca.crt"));
        assertThat(yaml).contains("failCgroupV1: false").contains("cgroupDriver: cgroupfs")
                .contains("cgroupRoot: /mutineer-c1-real-0")
                .contains("containerRuntimeEndpoint: unix:///w/c1/nodes/real-0/run/containerd.sock")
                .contains("podLogsDir: /w/c1/nodes/real-0/pod-logs")
                .contains("volumePluginDir: /w/c1/nodes/real-0/volume-plugins")
                .contains("address: 10.200.0.1").contains("healthzBindAddress: 127.0.0.1").contains("healthzPort: 21000")
                .contains("readOnlyPort: 0").contains("clientCAFile: /w/c1/pki/ca.crt")
                .contains("imageGCHighThresholdPercent: 100")
                .contains("\"nodefs.available\": \"1%\"");
        List<String> cmd = NodeConfigs.kubeletCommand(Path.of("/bin/kubelet"), layout, settings);
        assertThat(cmd).containsExactly("/bin/kubelet", "--config=/w/c1/nodes/real-0/kubelet-config.yaml",
                "--kubeconfig=/w/c1/nodes/real-0/kubelet.kubeconfig", "--root-dir=/w/c1/nodes/real-0/kubelet",
                "--cert-dir=/w/c1/nodes/real-0/kubelet-pki", "--hostname-override=real-0", "--node-ip=10.200.0.1", "--v=1",
                "--node-labels=type=real");
        assertThat(String.join(" ", cmd)).as("the watchdog kills only PIDs whose command line names the work dir").contains("/w/c1/");
    }

    @Test
    void kubeProxyUsesNftablesAndLeavesConntrackAlone() {
        String yaml = NodeConfigs.kubeProxyConfig(layout, settings);
        assertThat(yaml).contains("mode: nftables").contains("maxPerCore: 0").contains("tcpEstablishedTimeout: 0s")
                .contains("tcpCloseWaitTimeout: 0s").contains("hostnameOverride: real-0").contains("clusterCIDR: 10.244.0.0/16")
                .contains("healthzBindAddress: 127.0.0.1:21001").contains("metricsBindAddress: 127.0.0.1:21002")
                .contains("kubeconfig: /w/c1/nodes/real-0/kube-proxy.kubeconfig");
        assertThat(NodeConfigs.kubeProxyCommand(Path.of("/bin/kube-proxy"), layout))
                .containsExactly("/bin/kube-proxy", "--config=/w/c1/nodes/real-0/kube-proxy-config.yaml", "--v=1");
        assertThat(NodeConfigs.importCommand(layout, Path.of("/c/pause.tar"))).containsExactly("ctr", "--address",
                "/w/c1/nodes/real-0/run/containerd.sock", "-n", "k8s.io", "images", "import", "/c/pause.tar");
    }
}
