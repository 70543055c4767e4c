package dev.mutineer.campaign.job;

import dev.mutineer.campaign.job.CampaignBundle.BundleFile;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manifests that run a campaign as a Kubernetes Indexed Job: a ConfigMap with the campaign file and its
 * manifests, and a Job of N completions, all N at once, whose pod K-1 runs {@code mutineer run --shard K/N} on a
 * kwok-only local cluster of its own (127.0.0.1 inside the pod's network namespace; no privileges). A pure function
 * of the {@link Request}.
 */
public final class IndexedJob {

    /** Labels every object and pod of one distributed campaign carries; {@code collect} selects pods by the Job's. */
    public static final String CAMPAIGN_LABEL = "mutineer.dev/campaign";

    /**
     * @param name        the Job's and ConfigMap's name (a DNS label)
     * @param namespace   empty: the namespace of whoever applies the manifests
     * @param image       the mutineer image (built by {@code mutineer image build})
     * @param shards      N
     * @param campaign    the campaign's name (a label value)
     * @param bundle      the files the pods need
     * @param resources   per pod
     * @param volume      where results go
     * @param nodeSelector and tolerations: where the pods may run
     */
    public record Request(String name, String namespace, String image, int shards, String campaign, CampaignBundle bundle,
                          PodResources resources, ResultsVolume volume, Map<String, String> nodeSelector,
                          List<Toleration> tolerations) {
        public Request {
            if (!name.matches("[a-z0-9]([-a-z0-9]{0,50}[a-z0-9])?")) {
                throw new IllegalArgumentException("Job name '" + name + "' is no DNS label of at most 52 characters "
                        + "(lower-case letters, digits, '-'; the Job controller appends its pods' suffixes)");
            }
            if (shards < 1) {
                throw new IllegalArgumentException("--shards must be at least 1, not " + shards);
            }
            nodeSelector = Map.copyOf(nodeSelector);
            tolerations = List.copyOf(tolerations);
        }
    }

    private IndexedJob() {
    }

    /** The ConfigMap first (the Job's pods mount it), then the Job. */
    public static List<HasMetadata> manifests(Request r) {
        return List.of(configMap(r), job(r));
    }

    /** The manifests as one YAML stream ({@code kubectl apply -f -}). */
    public static String yaml(Request r) {
        StringBuilder sb = new StringBuilder();
        for (HasMetadata m : manifests(r)) {
            String doc = Serialization.asYaml(m);
            sb.append(doc.startsWith("---") ? doc : "---\n" + doc);
        }
        return sb.toString();
    }

    static ConfigMap configMap(Request r) {
        Map<String, String> data = new LinkedHashMap<>();
        List<BundleFile> files = r.bundle().files();
        for (int i = 0; i < files.size(); i++) {
            data.put(CampaignBundle.key(i, files.get(i)), files.get(i).content());
        }
        return new ConfigMapBuilder()
                .withNewMetadata().withName(r.name()).withNamespace(namespace(r)).withLabels(labels(r)).endMetadata()
                .withData(data)
                .build();
    }

    static Job job(Request r) {
        String script = ShardScript.of(r.bundle().campaignPath(), r.shards(), r.volume().printsToLog())
                .replace("$(", "$$("); // Kubernetes' own $(VAR) expansion must leave the shell's alone
        PodResources res = r.resources();
        return new JobBuilder()
                .withNewMetadata().withName(r.name()).withNamespace(namespace(r)).withLabels(labels(r)).endMetadata()
                .withNewSpec()
                .withCompletionMode("Indexed")
                .withCompletions(r.shards())
                .withParallelism(r.shards())
                // A container that fails is restarted in its pod (OnFailure) and resumes from its journal.
                .withBackoffLimit(3 * r.shards())
                .withNewTemplate()
                .withNewMetadata().withLabels(labels(r)).endMetadata()
                .withNewSpec()
                .withRestartPolicy("OnFailure")
                // The pod's own cluster must not find the host cluster: no token, no service variables (the script
                // also unsets KUBERNETES_SERVICE_HOST, which the kubelet sets regardless).
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withNodeSelector(r.nodeSelector().isEmpty() ? null : r.nodeSelector())
                .withTolerations(r.tolerations().isEmpty() ? null : r.tolerations())
                .addNewContainer()
                .withName("shard")
                .withImage(r.image())
                // No registry is assumed: an image imported on the nodes is used as it is.
                .withImagePullPolicy("IfNotPresent")
                .withCommand("sh", "-c", script)
                .withNewResources()
                .withRequests(Map.of("cpu", new Quantity(res.cpuRequest()), "memory", new Quantity(res.memoryRequest())))
                .withLimits(Map.of("cpu", new Quantity(res.cpuLimit()), "memory", new Quantity(res.memoryLimit())))
                .endResources()
                .addNewVolumeMount().withName("campaign").withMountPath(ShardScript.CAMPAIGN_DIR).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("results").withMountPath(ShardScript.RESULTS_DIR).endVolumeMount()
                .endContainer()
                .withVolumes(campaignVolume(r), resultsVolume(r.volume()))
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static Volume campaignVolume(Request r) {
        List<KeyToPath> items = new ArrayList<>();
        List<BundleFile> files = r.bundle().files();
        for (int i = 0; i < files.size(); i++) {
            items.add(new KeyToPath(CampaignBundle.key(i, files.get(i)), null, files.get(i).path()));
        }
        return new VolumeBuilder().withName("campaign")
                .withNewConfigMap().withName(r.name()).withItems(items).endConfigMap().build();
    }

    private static Volume resultsVolume(ResultsVolume v) {
        VolumeBuilder b = new VolumeBuilder().withName("results");
        if (v instanceof ResultsVolume.HostPath h) {
            return b.withNewHostPath().withPath(h.path()).withType("DirectoryOrCreate").endHostPath().build();
        }
        if (v instanceof ResultsVolume.Claim c) {
            return b.withNewPersistentVolumeClaim().withClaimName(c.name()).endPersistentVolumeClaim().build();
        }
        return b.withNewEmptyDir().endEmptyDir().build();
    }

    private static Map<String, String> labels(Request r) {
        return Map.of("app.kubernetes.io/name", "mutineer", CAMPAIGN_LABEL, labelValue(r.campaign()));
    }

    /** A label value: at most 63 characters of [-._a-zA-Z0-9], alphanumeric at both ends. */
    static String labelValue(String s) {
        String v = s.replaceAll("[^-._a-zA-Z0-9]", "-");
        v = v.length() > 63 ? v.substring(0, 63) : v;
        return v.replaceAll("^[^a-zA-Z0-9]+|[^a-zA-Z0-9]+$", "");
    }

    private static String namespace(Request r) {
        return r.namespace().isEmpty() ? null : r.namespace();
    }
}
