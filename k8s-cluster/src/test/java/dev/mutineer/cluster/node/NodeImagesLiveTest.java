package dev.mutineer.cluster.node;

import dev.mutineer.cluster.netns.ChildProcess;
import dev.mutineer.cluster.netns.NetworkNamespace;
import dev.mutineer.cluster.netns.Shell;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Images built here (go build), cached by content, imported into a node's own containerd (needs root and containerd). */
class NodeImagesLiveTest {

    @BeforeAll
    static void realNodesCanRunHere() {
        RealNodeAssumptions.assumeRealNodesCanRun();
    }

    @Test
    void imagesBuildOnceAndImportIntoTheNodesContainerd(@TempDir Path work) throws Exception {
        NodeImages.Image pause = NodeImages.pause();
        NodeImages.Image echo = NodeImages.httpEcho();
        assertThat(pause.tarball()).startsWith(dev.mutineer.cluster.local.Binaries.cacheRoot().resolve("images"));
        long modified = Files.getLastModifiedTime(echo.tarball()).toMillis();
        assertThat(NodeImages.httpEcho()).isEqualTo(echo);
        assertThat(Files.getLastModifiedTime(echo.tarball()).toMillis()).as("cached, not rebuilt").isEqualTo(modified);

        NodeLayout layout = NodeLayout.of(work.resolve("nodes/n0"), work, "imgtest", "n0");
        try (NetworkNamespace ns = NetworkNamespace.create("img" + ProcessHandle.current().pid(), List.of("10.200.0.9"), "10.96.0.0/16")) {
            Files.createDirectories(layout.containerdState());
            Files.writeString(layout.containerdConfig(), NodeConfigs.containerdConfig(layout, pause.ref()));
            ChildProcess containerd = new ChildProcess("n0-containerd", ns.command(NodeConfigs.containerdCommand(layout)),
                    layout.logs(), layout.pids()).start();
            try {
                for (int i = 0; i < 100 && !Shell.run(List.of("ctr", "--address", layout.containerdSocket().toString(), "version")).ok(); i++) {
                    Thread.sleep(100);
                }
                NodeImages.importInto(layout, pause);
                NodeImages.importInto(layout, echo);
                String images = Shell.check(List.of("ctr", "--address", layout.containerdSocket().toString(), "-n", "k8s.io", "images", "ls", "-q"));
                assertThat(images).contains(NodeImages.PAUSE).contains(NodeImages.HTTP_ECHO);
            } finally {
                containerd.stop(5_000);
                NodeLeftovers.remove(layout.root(), layout.cgroupRoot());
            }
        }
        assertThat(layout.root()).doesNotExist();
        assertThat(NodeLeftovers.mountsUnder(NodeLeftovers.readMountinfo(), layout.root())).isEmpty();
    }
}
