package dev.mutineer.cli;

import dev.mutineer.campaign.run.TestCampaigns;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DistributeCliTest {

    static final String CAMPAIGN = TestCampaigns.tiny("tiny-job");

    @TempDir
    Path tmp;

    static List<Object> documents(String yaml) {
        return Arrays.stream(yaml.split("(?m)^---\\s*$")).filter(d -> !d.isBlank()).map(d -> (Object) Serialization.unmarshal(d)).toList();
    }

    @Test
    void printsTheConfigMapWithEveryManifestAndTheIndexedJob() throws Exception {
        Path file = TestCampaigns.write(tmp, CAMPAIGN);
        CliRun r = CliRun.of("distribute", file.toString(), "--shards", "2", "--image", "mutineer.local/mutineer:t");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        List<Object> docs = documents(r.out());
        ConfigMap cm = (ConfigMap) docs.get(0);
        Job job = (Job) docs.get(1);
        assertThat(job.getMetadata().getName()).isEqualTo("mutineer-tiny-job");
        assertThat(job.getSpec().getCompletions()).isEqualTo(2);
        long manifests;
        try (var files = Files.list(tmp.resolve("workloads"))) {
            manifests = files.filter(f -> f.toString().endsWith(".yaml")).count();
        }
        assertThat(cm.getData()).hasSize(1 + (int) manifests);
        assertThat(cm.getData().values()).contains(CAMPAIGN);
        assertThat(r.err()).contains("mutineer collect mutineer-tiny-job");
    }

    @Test
    void anInvalidCampaignPrintsItsProblemsAndNoManifest() throws Exception {
        Path file = TestCampaigns.write(tmp, CAMPAIGN.replace("sample: 2\n  - operator: delete", "sample: -1\n  - operator: delete"));
        CliRun r = CliRun.of("distribute", file.toString(), "--shards", "2", "--image", "i");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("sample").contains("nothing was run");
    }

    @Test
    void aCampaignThatNeedsRealNodesOrDockerCannotRunInAPod() throws Exception {
        Path file = TestCampaigns.write(tmp, CAMPAIGN + "cluster:\n  backend: kind\n  nodes: 1\n");
        CliRun kind = CliRun.of("distribute", file.toString(), "--shards", "2", "--image", "i");
        assertThat(kind.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(kind.out()).isEmpty();
        assertThat(kind.err()).contains("backend kind cannot run in a pod");
        Files.writeString(file, CAMPAIGN + "cluster:\n  realNodes: 1\n");
        CliRun real = CliRun.of("distribute", file.toString(), "--shards", "2", "--image", "i");
        assertThat(real.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(real.err()).contains("realNodesFallback: kwok-only");
    }

    @Test
    void badOptionsAreUsageErrors() throws Exception {
        Path file = TestCampaigns.write(tmp, CAMPAIGN);
        assertThat(CliRun.of("distribute", file.toString(), "--shards", "0", "--image", "i").code()).isEqualTo(ExitCodes.USAGE);
        CliRun vol = CliRun.of("distribute", file.toString(), "--shards", "2", "--image", "i", "--results-volume", "s3:bucket");
        assertThat(vol.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(vol.err()).contains("s3:bucket");
    }
}
