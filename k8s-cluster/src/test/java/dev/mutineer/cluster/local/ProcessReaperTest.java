package dev.mutineer.cluster.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry of running clusters, read by every start: one bad file must not stop the next cluster. */
class ProcessReaperTest {

    /** A PID no process has: beyond the kernel's pid_max (at most 2^22). */
    private static final long DEAD_OWNER = 4_999_999;

    @Test
    void malformedRegistrationsAreQuarantinedAndTheOrphansBesideThemStillReaped(@TempDir Path tmp) throws Exception {
        Path registry = Files.createDirectories(tmp.resolve("run"));
        Path orphanDir = Files.createDirectories(tmp.resolve("mutineer-local-orphan"));
        Files.writeString(orphanDir.resolve("etcd.log"), "left behind");
        Files.writeString(registry.resolve("a-orphan.cluster"), "owner=" + DEAD_OWNER + "\nworkDir=" + orphanDir + "\nkeep=false\n");
        Files.writeString(registry.resolve("b-not-a-number.cluster"), "owner=twelve\nworkDir=" + tmp + "\n");
        Files.writeString(registry.resolve("c-no-workdir.cluster"), "owner=" + DEAD_OWNER + "\n");
        Files.writeString(registry.resolve("d-bad-escape.cluster"), "owner=1\nworkDir=\\uZZZZ\n");
        Files.write(registry.resolve("e-binary.cluster"), new byte[]{0, (byte) 0xff, 0x13, 0x37, '\n', 0});
        Files.writeString(registry.resolve("f-relative.cluster"), "owner=" + DEAD_OWNER + "\nworkDir=relative/dir\n",
                StandardCharsets.UTF_8);

        ProcessReaper.reapOrphans(registry);

        assertThat(orphanDir).as("the good entry's work directory is reaped").doesNotExist();
        assertThat(registry.resolve("a-orphan.cluster")).doesNotExist();
        assertThat(tmp).as("a malformed entry deletes nothing it names").exists();
        try (var left = Files.list(registry)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("quarantine");
        }
        try (var quarantined = Files.list(registry.resolve("quarantine"))) {
            assertThat(quarantined.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("b-not-a-number.cluster",
                    "c-no-workdir.cluster", "d-bad-escape.cluster", "e-binary.cluster", "f-relative.cluster");
        }
        // and the next start reads the registry without tripping over anything
        assertThat(ProcessReaper.reapOrphans(registry)).isEmpty();
    }

    @Test
    void aLiveOwnersClusterIsLeftAlone(@TempDir Path tmp) throws Exception {
        Path registry = Files.createDirectories(tmp.resolve("run"));
        Path workDir = Files.createDirectories(tmp.resolve("mutineer-local-live"));
        Files.writeString(registry.resolve("live.cluster"), "owner=" + ProcessHandle.current().pid() + "\nworkDir=" + workDir + "\nkeep=false\n");

        assertThat(ProcessReaper.reapOrphans(registry)).isEmpty();

        assertThat(workDir).exists();
        assertThat(registry.resolve("live.cluster")).exists();
    }

    @Test
    void aKeptWorkDirectorySurvivesItsReapedCluster(@TempDir Path tmp) throws Exception {
        Path registry = Files.createDirectories(tmp.resolve("run"));
        Path workDir = Files.createDirectories(tmp.resolve("mutineer-local-kept"));
        Files.writeString(registry.resolve("kept.cluster"), "owner=" + DEAD_OWNER + "\nworkDir=" + workDir + "\nkeep=true\n");

        ProcessReaper.reapOrphans(registry);

        assertThat(workDir).exists();
        assertThat(registry.resolve("kept.cluster")).doesNotExist();
    }
}
