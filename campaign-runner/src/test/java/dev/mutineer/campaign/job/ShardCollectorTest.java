package dev.mutineer.campaign.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardCollectorTest {

    @TempDir
    Path tmp;

    private static Pod pod(String name, int index, String phase, String created) {
        return new PodBuilder().withNewMetadata().withName(name).withCreationTimestamp(created)
                .addToAnnotations("batch.kubernetes.io/job-completion-index", Integer.toString(index)).endMetadata()
                .withNewStatus().withPhase(phase).endStatus().build();
    }

    @Test
    void theNewestSucceededPodOfAnIndexHoldsItsShard() {
        List<Pod> pods = List.of(pod("a", 0, "Failed", "2026-12-01T10:00:00Z"), pod("b", 0, "Succeeded", "2026-12-01T10:01:00Z"),
                pod("c", 0, "Succeeded", "2026-12-01T10:02:00Z"), pod("d", 1, "Running", "2026-12-01T10:00:00Z"));
        assertThat(ShardCollector.succeeded(pods, 0)).map(p -> p.getMetadata().getName()).hasValue("c");
        assertThat(ShardCollector.succeeded(pods, 1)).isEmpty();
    }

    @Test
    void theResultsBlockUnpacksIntoShardKOnceOnly() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("pod/shard-2"));
        Files.writeString(src.resolve("journal.jsonl"), "{}\n");
        Path tarGz = tmp.resolve("r.tar.gz");
        assertThat(new ProcessBuilder("tar", "-czf", tarGz.toString(), "-C", tmp.resolve("pod").toString(), "shard-2")
                .inheritIO().start().waitFor()).isZero();
        ShardLog log = new ShardLog(2, 2, 0, Files.readAllBytes(tarGz));
        Path dir = ShardCollector.unpack(log, tmp.resolve("out"));
        assertThat(dir).isEqualTo(tmp.resolve("out/shard-2"));
        assertThat(Files.readString(dir.resolve("journal.jsonl"))).isEqualTo("{}\n");
        assertThatThrownBy(() -> ShardCollector.unpack(log, tmp.resolve("out"))).hasMessageContaining("exists already");
    }
}
