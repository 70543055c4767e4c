package dev.mutineer.cli;

import dev.mutineer.campaign.run.TestCampaigns;
import dev.mutineer.cluster.local.LocalCluster;
import dev.mutineer.cluster.node.NodeImages;
import dev.mutineer.results.Journal;
import dev.mutineer.results.JournalRecord;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 end to end on this machine: the mutineer image imported into a real node of a local cluster, a 2-shard
 * Indexed Job of a tiny campaign run there (each pod starting its own kwok-only cluster inside its pod), collected,
 * merged and compared with the same campaign run serially here: the same IDs, the same class for at least 95%.
 * Needs root, the node packages and the image: MUTINEER_IMAGE_TARBALL=$(scripts/build-image.sh | cut -d' ' -f2).
 * scripts/test.sh builds the image from the jars its verify packaged and runs this test after the verify, beside the
 * #129795 scenario; inside the verify it is skipped for want of the image.
 */
class DistributedCampaignLiveTest {

    @TempDir
    Path tmp;

    @Test
    void aTwoShardJobOnARealNodeRecordsWhatTheSerialRunRecords() throws Exception {
        String tarball = System.getenv("MUTINEER_IMAGE_TARBALL");
        Assumptions.assumeTrue(tarball != null && Files.isRegularFile(Path.of(tarball)),
                "MUTINEER_IMAGE_TARBALL not set (scripts/test.sh sets it for its second step)");
        dev.mutineer.campaign.run.RealNodesHere.assume("DistributedCampaignLiveTest");
        String manifest = new String(new ProcessBuilder("tar", "-xOf", tarball, "manifest.json").start().getInputStream().readAllBytes());
        String ref = manifest.replaceAll(".*\"RepoTags\":\\[\"([^\"]+)\"].*", "$1").trim();
        Path file = TestCampaigns.write(tmp.resolve("campaign"), DistributeCliTest.CAMPAIGN);
        CliRun printed = CliRun.of("distribute", file.toString(), "--shards", "2", "--image", ref, "--namespace", "default");
        assertThat(printed.code()).as(printed.err()).isEqualTo(ExitCodes.OK);

        Path shards = tmp.resolve("shards");
        long started;
        long jobSeconds;
        try (LocalCluster cluster = new LocalCluster().withNodes(1).withRealNodes(1).start()) {
            long t0 = System.nanoTime();
            NodeImages.importInto(cluster.realNodes().get(0).layout(), new NodeImages.Image(ref, Path.of(tarball)));
            System.out.printf("image import: %d s%n", (System.nanoTime() - t0) / 1_000_000_000);
            KubernetesClient client = cluster.client();
            for (Object doc : DistributeCliTest.documents(printed.out())) {
                client.resource((HasMetadata) doc).create();
            }
            started = System.nanoTime();
            boolean complete = false;
            long deadline = started + Duration.ofMinutes(25).toNanos();
            while (System.nanoTime() < deadline) {
                Job job = client.batch().v1().jobs().inNamespace("default").withName("mutineer-tiny-job").get();
                Integer succeeded = job.getStatus() == null ? null : job.getStatus().getSucceeded();
                if (succeeded != null && succeeded == 2) {
                    complete = true;
                    break;
                }
                if (job.getStatus() != null && job.getStatus().getFailed() != null && job.getStatus().getFailed() > 0) {
                    break;
                }
                Thread.sleep(5_000);
            }
            jobSeconds = (System.nanoTime() - started) / 1_000_000_000;
            System.out.printf("job: complete=%s after %d s%n", complete, jobSeconds);
            for (Pod p : client.pods().inNamespace("default").withLabel("job-name", "mutineer-tiny-job").list().getItems()) {
                String log = client.pods().inNamespace("default").withName(p.getMetadata().getName()).getLog();
                System.out.println("=== pod " + p.getMetadata().getName() + " " + p.getStatus().getPhase() + "\n"
                        + (log == null ? "" : log.replaceAll("(?s)mutineer-shard-results-begin.*mutineer-shard-results-end", "[results block]")));
            }
            assertThat(complete).as("the Job completed").isTrue();
            CliRun collected = CliRun.of("collect", "mutineer-tiny-job", "--namespace", "default", "--out", shards.toString(),
                    "--kubeconfig", cluster.kubeconfig().toString());
            assertThat(collected.code()).as(collected.err()).isEqualTo(ExitCodes.OK);
        }
        Path merged = tmp.resolve("merged");
        CliRun merge = CliRun.of("merge", shards.resolve("shard-1").toString(), shards.resolve("shard-2").toString(), "--out", merged.toString());
        assertThat(merge.code()).as(merge.err()).isEqualTo(ExitCodes.OK);

        long serialStart = System.nanoTime();
        CliRun serial = CliRun.of("run", file.toString(), "--out", tmp.resolve("serial").toString());
        assertThat(serial.code()).as(serial.err()).isEqualTo(ExitCodes.OK);
        System.out.printf("serial run: %d s (the Job: %d s)%n", (System.nanoTime() - serialStart) / 1_000_000_000, jobSeconds);

        Map<String, String> distributed = classes(merged);
        Map<String, String> here = classes(tmp.resolve("serial"));
        System.out.println("distributed " + distributed + "\nserial      " + here);
        assertThat(distributed.keySet()).isEqualTo(here.keySet());
        long same = here.keySet().stream().filter(id -> here.get(id).equals(distributed.get(id))).count();
        assertThat(same).as("IDs with the same class").isGreaterThanOrEqualTo((long) Math.ceil(0.95 * here.size()));
    }

    private static Map<String, String> classes(Path dir) {
        return Journal.read(dir).records().stream().collect(Collectors.toMap(JournalRecord::id,
                r -> String.valueOf(r.outcome()), (a, b) -> a, java.util.TreeMap::new));
    }
}
