package dev.mutineer.cluster.node;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading /proc/self/mountinfo: which mounts a node left, in the order they can be unmounted; which cgroup hierarchies exist. */
class NodeLeftoversTest {

    private static final List<String> MOUNTINFO = List.of(
            "22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw",
            "30 22 0:26 / /sys/fs/cgroup rw - tmpfs tmpfs rw,mode=755",
            "31 30 0:27 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu",
            "32 30 0:28 / /sys/fs/cgroup/name\\040x rw - cgroup cgroup rw,name=x",
            "33 30 0:29 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw",
            "40 22 0:40 / /w/nodes/n0/run/io.containerd.runtime.v2.task/k8s.io/abc/rootfs rw - overlay overlay rw",
            "41 22 0:41 / /w/nodes/n0/kubelet/pods/p/volumes/kubernetes.io~projected/t rw - tmpfs tmpfs rw",
            "42 22 0:42 / /w/nodes/n0/run/netns/cni-1 rw - nsfs nsfs rw",
            "43 22 0:43 / /w/nodes/n01/run/x rw - tmpfs tmpfs rw",
            "44 22 0:44 / /w/nodes/n0\\040space/y rw - tmpfs tmpfs rw");

    @Test
    void mountsUnderTheNodeRootOnlyDeepestFirst() {
        List<String> m = NodeLeftovers.mountsUnder(MOUNTINFO, Path.of("/w/nodes/n0"));
        assertThat(m).containsExactly(
                "/w/nodes/n0/kubelet/pods/p/volumes/kubernetes.io~projected/t",
                "/w/nodes/n0/run/io.containerd.runtime.v2.task/k8s.io/abc/rootfs",
                "/w/nodes/n0/run/netns/cni-1");
        assertThat(NodeLeftovers.mountsUnder(MOUNTINFO, Path.of("/w/nodes/n0 space"))).containsExactly("/w/nodes/n0 space/y");
    }

    @Test
    void cgroupHierarchiesAreTheV1AndV2Mounts() {
        assertThat(NodeLeftovers.cgroupHierarchies(MOUNTINFO)).containsExactly(
                Path.of("/sys/fs/cgroup/cpu"), Path.of("/sys/fs/cgroup/name x"), Path.of("/sys/fs/cgroup/unified"));
    }
}
