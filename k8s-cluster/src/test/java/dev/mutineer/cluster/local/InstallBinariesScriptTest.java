package dev.mutineer.cluster.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** scripts/install-binaries.sh: idempotent, honours MUTINEER_BIN_DIR, and says what to install when nothing works. */
class InstallBinariesScriptTest {

    record Run(int exit, String stdout, String stderr) {
    }

    static Run run(Map<String, String> env) throws IOException, InterruptedException {
        Path script = Binaries.repoRoot().resolve("scripts/install-binaries.sh");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void secondRunFindsTheCacheAndDoesNothing() throws Exception {
        Binaries installed = Binaries.resolve(); // provisions if needed
        Run again = run(Map.of());
        assertThat(again.exit()).isZero();
        assertThat(again.stdout().trim()).isEqualTo(installed.dir().toString());
        assertThat(again.stderr()).doesNotContain("building").doesNotContain("downloading");
    }

    @Test
    void userProvidedDirectoryIsUsedAsIs(@TempDir Path dir) throws Exception {
        Binaries installed = Binaries.resolve();
        for (String n : Binaries.NAMES) {
            Files.createSymbolicLink(dir.resolve(n), installed.dir().resolve(n));
        }
        Run r = run(Map.of("MUTINEER_BIN_DIR", dir.toString()));
        assertThat(r.exit()).isZero();
        assertThat(r.stdout().trim()).isEqualTo(dir.toString());
    }

    @Test
    void incompleteUserDirectoryIsRefusedByName(@TempDir Path dir) throws Exception {
        Run r = run(Map.of("MUTINEER_BIN_DIR", dir.toString()));
        assertThat(r.exit()).isNotZero();
        assertThat(r.stderr()).contains("MUTINEER_BIN_DIR=" + dir).contains("kube-apiserver");
    }

    @Test
    void withoutGoAndWithoutDownloadsTheMessageSaysWhatToInstall(@TempDir Path cache) throws Exception {
        Run r = run(Map.of("MUTINEER_CACHE", cache.toString(), "MUTINEER_BINARIES_SOURCE", "build",
                "PATH", "/usr/bin:/bin"));
        assertThat(r.exit()).isNotZero();
        assertThat(r.stderr()).contains("install Go").contains("MUTINEER_BIN_DIR");
    }

    @Test
    void unknownSourceIsRejected(@TempDir Path cache) throws Exception {
        Run r = run(Map.of("MUTINEER_CACHE", cache.toString(), "MUTINEER_BINARIES_SOURCE", "ftp"));
        assertThat(r.exit()).isNotZero();
        assertThat(r.stderr()).contains("download, build or auto").contains("ftp");
    }
}
