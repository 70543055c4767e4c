package dev.mutineer.cli;

import dev.mutineer.campaign.run.TestCampaigns;
import dev.mutineer.cluster.local.LocalCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What distribute prints is accepted by a real API server, and the Job controller turns it into one pod per shard
 * with its completion index: the manifests are created for real on a kwok-only local cluster (no pod runs: the kwok
 * nodes' taint keeps them Pending, which is all this needs).
 */
class DistributeLiveTest {

    @TempDir
    Path tmp;

    @Test
    void theApiServerCreatesTheManifestsAndTheJobControllerOnePodPerShard() throws Exception {
        Path file = TestCampaigns.write(tmp, DistributeCliTest.CAMPAIGN);
        CliRun r = CliRun.of("distribute", file.toString(), "--shards", "2", "--image", "mutineer.local/mutineer:t",
                "--namespace", "default", "--node-selector", "kubernetes.io/os=linux", "--toleration", "dedicated=mutineer:NoSchedule");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        try (LocalCluster cluster = new LocalCluster().withNodes(1).start()) {
            KubernetesClient client = cluster.client();
            for (Object doc : DistributeCliTest.documents(r.out())) {
                client.resource((HasMetadata) doc).create();
            }
            List<Pod> pods;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((pods = client.pods().inNamespace("default").withLabel("job-name", "mutineer-tiny-job").list().getItems()).size() < 2
                    && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertThat(pods).extracting(p -> p.getMetadata().getAnnotations().get("batch.kubernetes.io/job-completion-index"))
                    .containsExactlyInAnyOrder("0", "1");
            assertThat(pods).allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getEnv())
                    .anySatisfy(e -> assertThat(e.getName()).isEqualTo("JOB_COMPLETION_INDEX")));
        }
    }
}
