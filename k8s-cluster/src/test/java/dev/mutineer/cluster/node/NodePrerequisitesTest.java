package dev.mutineer.cluster.node;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a host lacks for real nodes, named so that the user knows what to install. */
class NodePrerequisitesTest {

    @Test
    void nothingIsMissingForRootWithEveryPackage() {
        assertThat(NodePrerequisites.missing(true, p -> true)).isEmpty();
    }

    @Test
    void aUserWithoutRootAndPackagesIsToldBothOnceEach() {
        List<String> missing = NodePrerequisites.missing(false, p -> !p.startsWith("/usr/lib/cni/") && !p.contains("containerd"));
        assertThat(missing).containsExactly("root (real nodes create a network namespace, mounts and cgroups)",
                "packages containerd containernetworking-plugins");
        assertThat(NodePrerequisites.message(missing)).contains("scripts/install-node-packages.sh").contains("realNodes: 0");
    }
}
