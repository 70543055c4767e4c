package dev.mutineer.cluster.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The docker-archive writer: a tar that GNU tar reads, with the layout ctr images import expects. */
class ImageTarballTest {

    @Test
    void anArchiveListsManifestConfigAndLayerAndIsDeterministic(@TempDir Path dir) throws Exception {
        byte[] binary = "#!/bin/true\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        byte[] tar = ImageTarball.of("mutineer.local/x:1", "x", binary, "amd64");
        assertThat(ImageTarball.of("mutineer.local/x:1", "x", binary, "amd64")).isEqualTo(tar);
        Path file = dir.resolve("image.tar");
        Files.write(file, tar);
        Process p = new ProcessBuilder("tar", "-xvf", file.toString(), "-C", dir.toString()).redirectErrorStream(true).start();
        String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(listing).isZero();
        String manifest = Files.readString(dir.resolve("manifest.json"));
        assertThat(manifest).contains("\"RepoTags\":[\"mutineer.local/x:1\"]");
        String layerId = ImageTarball.sha256(ImageTarball.tar(List.of(new ImageTarball.Entry("x", binary, 0755))));
        assertThat(manifest).contains(layerId + "/layer.tar");
        Path layer = dir.resolve(layerId).resolve("layer.tar");
        assertThat(ImageTarball.sha256(Files.readAllBytes(layer))).isEqualTo(layerId);
        Process inner = new ProcessBuilder("tar", "-xf", layer.toString(), "-C", dir.toString()).start();
        assertThat(inner.waitFor()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("x"))).isEqualTo(binary);
        assertThat(Files.isExecutable(dir.resolve("x"))).isTrue();
        String config = Files.readString(dir.resolve(manifest.replaceAll(".*\"Config\":\"([^\"]+)\".*", "$1").trim()));
        assertThat(config).contains("\"Entrypoint\":[\"/x\"]").contains("\"diff_ids\":[\"sha256:" + layerId + "\"]");
    }
}
