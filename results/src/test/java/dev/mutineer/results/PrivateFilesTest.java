package dev.mutineer.results;

import dev.mutineer.classifier.baseline.Baseline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Results files can hold cluster data: owner-only like the cluster's keys, and never written through a link. */
class PrivateFilesTest {

    @Test
    void everyResultsFileIsCreatedOwnerOnly(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("results/quickstart");
        try (Journal j = Journal.open(dir)) {
            j.append(SampleResults.generate(1).get(0));
        }
        Files.writeString(dir.resolve(JournalFile.NAME), "{\"id\":\"torn", StandardOpenOption.APPEND);
        Journal.open(dir).close();
        BaselineFile.write(dir, "default", emptyBaseline());
        ReportWriter.write(dir, dir.resolve("reports"));

        assertThat(permissions(tmp.resolve("results"))).isEqualTo("rwx------");
        assertThat(permissions(dir)).isEqualTo("rwx------");
        assertThat(permissions(dir.resolve("reports"))).isEqualTo("rwx------");
        for (String file : new String[] {JournalFile.NAME, Journal.TORN_NAME, "baseline-default.json", "reports/report.csv",
            "reports/report.html"}) {
            assertThat(permissions(dir.resolve(file))).as(file).isEqualTo("rw-------");
        }
    }

    @Test
    void aJournalThatIsASymbolicLinkIsRefusedAndItsTargetLeftAlone(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("results"));
        Path outside = Files.writeString(tmp.resolve("elsewhere.jsonl"), "");
        Files.createSymbolicLink(dir.resolve(JournalFile.NAME), outside);

        assertThatThrownBy(() -> Journal.open(dir)).hasMessageContaining("journal.jsonl")
                .hasMessageContaining("is a symbolic link");
        assertThat(Files.size(outside)).isZero();
    }

    @Test
    @Timeout(30)
    void aJournalThatIsAFifoIsRefusedInsteadOfBlocking(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve(JournalFile.NAME);
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

        assertThatThrownBy(() -> Journal.open(dir)).hasMessage("cannot open journal " + fifo + ": it is not a regular file");
        assertThatThrownBy(() -> Journal.read(dir)).hasMessage("journal " + fifo + " is not a regular file");
    }

    @Test
    void replacingASymbolicLinkReplacesTheLinkOnly(@TempDir Path tmp) throws Exception {
        Path target = Files.writeString(tmp.resolve("target"), "keep");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
        PrivateFiles.writeString(link, "new");
        assertThat(Files.readString(target)).isEqualTo("keep");
        assertThat(Files.isSymbolicLink(link)).isFalse();
        assertThat(Files.readString(link)).isEqualTo("new");
        assertThat(permissions(link)).isEqualTo("rw-------");
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("report.csv"), "old");
        assertThatThrownBy(() -> PrivateFiles.replace(file, out -> {
            out.write("half".getBytes());
            throw new java.io.IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(file)).isEqualTo("old");
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactly(file);
        }
    }

    static String permissions(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    private static Baseline emptyBaseline() {
        return new Baseline(1, Map.of(), Map.of(), Map.of(), Map.of(), Set.of(), Set.of(), 0, Set.of(), Set.of());
    }
}
