package dev.mutineer.cluster.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** scripts/install-node-packages.sh: instant when everything is there, exit 3 naming every package when it cannot install. */
class InstallNodePackagesScriptTest {

    record Run(int exit, String stderr, long millis) {
    }

    static Run run(List<String> prefix, Map<String, String> env) throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of("bash", Binaries.repoRoot().resolve("scripts/install-node-packages.sh").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        p.getOutputStream().close();
        p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), err, (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    void aSecondRunFindsEverythingAndTouchesNothing() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.mutineer.cluster.node.NodePrerequisites.missing().isEmpty(),
                "this host has not run scripts/install-node-packages.sh as root");
        Run r = run(List.of(), Map.of());
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("all present").doesNotContain("installing");
        assertThat(r.millis()).isLessThan(5_000);
    }

    @Test
    void withoutRootItNamesWhatToInstallAndExits3(@TempDir Path emptyHost) throws Exception {
        Files.setPosixFilePermissions(emptyHost, PosixFilePermissions.fromString("rwxr-xr-x"));
        Run r = run(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"),
                Map.of("MUTINEER_NODE_PACKAGES_PROBE_ROOT", emptyHost.toString()));
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.stderr()).contains("not root")
                .contains("apt-get install -y containerd runc containernetworking-plugins nftables iptables conntrack socat");
    }
}
