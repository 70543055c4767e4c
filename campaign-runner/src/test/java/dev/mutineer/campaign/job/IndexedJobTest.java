package dev.mutineer.campaign.job;

import dev.mutineer.campaign.job.CampaignBundle.BundleFile;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndexedJobTest {

    private static final CampaignBundle BUNDLE = new CampaignBundle("tiny.yaml", List.of(
            new BundleFile("tiny.yaml", "name: tiny\n"),
            new BundleFile("workloads/web.yaml", "kind: Deployment\n"),
            new BundleFile("workloads/db/web.yaml", "kind: Service\n")));

    private static IndexedJob.Request request(ResultsVolume volume) {
        return new IndexedJob.Request("mutineer-tiny", "", "mutineer.local/mutineer:abc", 3, "tiny", BUNDLE,
                PodResources.PER_SHARD, volume, Map.of("kubernetes.io/hostname", "n1"),
                List.of(Tolerations.parse("dedicated=mutineer:NoSchedule")));
    }

    /** The YAML parsed back, as the API server would read it. */
    private static List<Object> parsed(IndexedJob.Request r) {
        return Arrays.stream(IndexedJob.yaml(r).split("(?m)^---\\s*$"))
                .filter(d -> !d.isBlank())
                .map(d -> (Object) Serialization.unmarshal(d))
                .toList();
    }

    @Test
    void jobIsIndexedWithOneCompletionPerShardAllAtOnce() {
        List<Object> docs = parsed(request(new ResultsVolume.EmptyDir()));
        assertThat(docs).hasSize(2);
        assertThat(docs.get(0)).isInstanceOf(ConfigMap.class);
        Job job = (Job) docs.get(1);
        assertThat(job.getApiVersion()).isEqualTo("batch/v1");
        assertThat(job.getMetadata().getName()).isEqualTo("mutineer-tiny");
        assertThat(job.getMetadata().getNamespace()).isNull();
        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getSpec().getCompletions()).isEqualTo(3);
        assertThat(job.getSpec().getParallelism()).isEqualTo(3);
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("OnFailure");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getEnableServiceLinks()).isFalse();
        assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/hostname", "n1");
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("dedicated");
            assertThat(t.getOperator()).isEqualTo("Equal");
            assertThat(t.getValue()).isEqualTo("mutineer");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
        Container c = pod.getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("mutineer.local/mutineer:abc");
        assertThat(c.getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(c.getResources().getRequests()).containsEntry("cpu", new io.fabric8.kubernetes.api.model.Quantity("250m"))
                .containsEntry("memory", new io.fabric8.kubernetes.api.model.Quantity("768Mi"));
        assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
    }

    @Test
    void podRunsItsOneBasedShardFromTheZeroBasedCompletionIndex() {
        Job job = (Job) parsed(request(new ResultsVolume.EmptyDir())).get(1);
        List<String> command = job.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand();
        assertThat(command).hasSize(3).startsWith("sh", "-c");
        String script = command.get(2);
        // $$( is how a manifest writes the shell's $( past Kubernetes' $(VAR) expansion.
        assertThat(script).contains("unset KUBERNETES_SERVICE_HOST KUBERNETES_SERVICE_PORT\nk=$$((JOB_COMPLETION_INDEX + 1))")
                .contains("mutineer run '/campaign/tiny.yaml' --shard \"$k/3\" --out \"$out\"")
                .contains("out=/results/shard-$k")
                .contains(ShardLog.BEGIN).contains("tar -czf - -C /results \"shard-$k\" | base64");
        assertThat(script.replace("$$(", "$(")).doesNotContain("$$");
    }

    @Test
    void configMapCarriesEveryFileAndTheVolumeLaysThemOutAsInTheCampaignTree() {
        List<Object> docs = parsed(request(new ResultsVolume.EmptyDir()));
        ConfigMap cm = (ConfigMap) docs.get(0);
        Job job = (Job) docs.get(1);
        var volumes = job.getSpec().getTemplate().getSpec().getVolumes();
        var campaign = volumes.stream().filter(v -> v.getName().equals("campaign")).findFirst().orElseThrow();
        assertThat(campaign.getConfigMap().getName()).isEqualTo(cm.getMetadata().getName());
        Map<String, String> pathByKey = new java.util.HashMap<>();
        for (KeyToPath k : campaign.getConfigMap().getItems()) {
            pathByKey.put(k.getKey(), k.getPath());
        }
        assertThat(pathByKey.values()).containsExactlyInAnyOrder("tiny.yaml", "workloads/web.yaml", "workloads/db/web.yaml");
        pathByKey.forEach((key, path) -> assertThat(cm.getData().get(key))
                .isEqualTo(BUNDLE.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow().content()));
        assertThat(volumes.stream().filter(v -> v.getName().equals("results")).findFirst().orElseThrow().getEmptyDir()).isNotNull();
    }

    @Test
    void persistentVolumesKeepResultsOutOfTheLog() {
        Job onHost = (Job) parsed(request(ResultsVolume.parse("hostPath:/var/mutineer"))).get(1);
        var results = onHost.getSpec().getTemplate().getSpec().getVolumes().get(1);
        assertThat(results.getHostPath().getPath()).isEqualTo("/var/mutineer");
        assertThat(onHost.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand().get(2)).doesNotContain(ShardLog.BEGIN);
        Job onClaim = (Job) parsed(request(ResultsVolume.parse("pvc:shards"))).get(1);
        assertThat(onClaim.getSpec().getTemplate().getSpec().getVolumes().get(1).getPersistentVolumeClaim().getClaimName()).isEqualTo("shards");
    }

    @Test
    void badInputIsRefusedWithItsName() {
        assertThatThrownBy(() -> ResultsVolume.parse("nfs:server")).hasMessageContaining("emptyDir, hostPath:/ABSOLUTE/PATH, pvc:CLAIM-NAME");
        assertThatThrownBy(() -> ResultsVolume.parse("hostPath:relative")).hasMessageContaining("hostPath:relative");
        assertThatThrownBy(() -> Tolerations.parse("key:Sometimes")).hasMessageContaining("Sometimes");
        assertThatThrownBy(() -> new CampaignBundle("c.yaml", List.of(new BundleFile("c.yaml", ""), new BundleFile("../w.yaml", ""))))
                .hasMessageContaining("outside the campaign file's directory tree");
        assertThatThrownBy(() -> new IndexedJob.Request("Bad_Name", "", "i", 2, "c", BUNDLE, PodResources.PER_SHARD,
                new ResultsVolume.EmptyDir(), Map.of(), List.of())).hasMessageContaining("Bad_Name");
        assertThat(Tolerations.parse("kwok.x-k8s.io/node").getOperator()).isEqualTo("Exists");
    }
}
