package dev.mutineer.campaign.job.image;

import dev.mutineer.campaign.job.image.ImageEntry.HostFile;
import dev.mutineer.campaign.job.image.ImageEntry.Link;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MutineerImageTest {

    @TempDir
    Path tmp;

    @Test
    void lddOutputGivesTheLoaderAndEveryLibraryByPath() {
        String ldd = """
                \tlinux-vdso.so.1 (0x00007ffc8a7f0000)
                \tlibz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x00007f5b2a1c0000)
                \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f5b29fdf000)
                \t/lib64/ld-linux-x86-64.so.2 (0x00007f5b2a1f1000)
                """;
        assertThat(SharedLibraries.parse(ldd, "java", Set.of())).containsExactly("/lib/x86_64-linux-gnu/libz.so.1",
                "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2");
        assertThat(SharedLibraries.parse("\tnot a dynamic executable\n", "etcd", Set.of())).isEmpty();
        assertThatThrownBy(() -> SharedLibraries.parse("\tlibfoo.so.2 => not found\n", "tail", Set.of())).hasMessageContaining("libfoo.so.2");
        assertThat(SharedLibraries.parse("\tlibjvm.so => not found\n", "libawt.so", Set.of("libjvm.so"))).isEmpty();
        assertThat(SharedLibraries.parse("\tlibjli.so => /jre/bin/../lib/libjli.so (0x00007f5b2a1c0000)\n", "java", Set.of("libjli.so"))).isEmpty();
    }

    private SortedMap<String, ImageEntry> contents() throws Exception {
        Path jre = Files.createDirectories(tmp.resolve("jre/bin"));
        Files.writeString(jre.resolve("java"), "#!/bin/sh\n");
        jre.resolve("java").toFile().setExecutable(true);
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String b : ImageContents.CLUSTER_BINARIES) {
            Files.writeString(bin.resolve(b), b);
        }
        Path jar = Files.writeString(tmp.resolve("mutineer.jar"), "jar");
        Path tool = Files.writeString(tmp.resolve("tail"), "tail");
        return ImageContents.of(tmp.resolve("jre"), List.of(jar), bin, List.of(tool), Map.of("lib", "usr/lib"),
                List.of("/lib/x86_64-linux-gnu/libc.so.6"));
    }

    @Test
    void theImageHoldsTheRuntimeJarsClusterBinariesAndLibrariesBehindTheHostsLinks() throws Exception {
        SortedMap<String, ImageEntry> e = contents();
        assertThat(e).containsKeys("opt/java/bin/java", "opt/mutineer/lib/mutineer.jar", "opt/mutineer/bin/kube-apiserver",
                "opt/mutineer/bin/etcd", "opt/mutineer/bin/kwok", "usr/local/bin/mutineer", "etc/passwd", "tmp", "root");
        // /lib/... lands below usr/lib, which the link lib -> usr/lib finds again.
        assertThat(e.get("lib")).isEqualTo(new Link("usr/lib"));
        assertThat(e).containsKey("usr/lib/x86_64-linux-gnu/libc.so.6").doesNotContainKey("lib/x86_64-linux-gnu/libc.so.6");
        assertThat(e.get("opt/mutineer/bin/kubelet")).isEqualTo(new Link("/usr/bin/false"));
        assertThat(((HostFile) e.get("opt/java/bin/java")).mode()).isEqualTo(0755);
        assertThat(ImageContents.ENV).contains("MUTINEER_BIN_DIR=/opt/mutineer/bin", "HOME=/root");
    }

    @Test
    void theTarballIsADockerArchiveCachedByContent() throws Exception {
        SortedMap<String, ImageEntry> e = contents();
        MutineerImage.Image first = MutineerImage.write(e, tmp.resolve("cache"), m -> { });
        assertThat(first.cached()).isFalse();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(first.tarball())))
                .isEqualTo("rw-r--r--");
        assertThat(first.ref()).matches("mutineer\\.local/mutineer:[0-9a-f]{12}");
        MutineerImage.Image again = MutineerImage.write(contents(), tmp.resolve("cache"), m -> { });
        assertThat(again.cached()).isTrue();
        assertThat(again.tarball()).isEqualTo(first.tarball());

        Path out = Files.createDirectories(tmp.resolve("x"));
        assertThat(new ProcessBuilder("tar", "-xf", first.tarball().toString(), "-C", out.toString()).inheritIO().start().waitFor()).isZero();
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertThat(manifest).contains("\"RepoTags\":[\"" + first.ref() + "\"]");
        String layer = manifest.replaceAll(".*\"Layers\":\\[\"([^\"]+)\"].*", "$1").trim();
        Path root = Files.createDirectories(tmp.resolve("root"));
        assertThat(new ProcessBuilder("tar", "-xf", out.resolve(layer).toString(), "-C", root.toString()).inheritIO().start().waitFor()).isZero();
        assertThat(Files.readString(root.resolve("opt/mutineer/bin/kube-apiserver"))).isEqualTo("kube-apiserver");
        assertThat(Files.isExecutable(root.resolve("usr/local/bin/mutineer"))).isTrue();
        assertThat(Files.readSymbolicLink(root.resolve("opt/mutineer/bin/kubelet")).toString()).isEqualTo("/usr/bin/false");
        String config = Files.readString(out.resolve(manifest.replaceAll(".*\"Config\":\"([^\"]+)\".*", "$1").trim()));
        assertThat(config).contains("\"Entrypoint\":[\"/usr/local/bin/mutineer\"]")
                .contains("sha256:" + layer.substring(0, layer.indexOf('/')));

        SortedMap<String, ImageEntry> changed = contents();
        Files.writeString(tmp.resolve("mutineer.jar"), "another jar");
        assertThat(MutineerImage.write(changed, tmp.resolve("cache"), m -> { }).ref()).isNotEqualTo(first.ref());
        assertThat(new String(Files.readAllBytes(out.resolve("manifest.json")), StandardCharsets.UTF_8)).isEqualTo(manifest);
    }
}
