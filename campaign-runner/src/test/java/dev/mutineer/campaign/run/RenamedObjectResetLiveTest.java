package dev.mutineer.campaign.run;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.campaign.ResetMode;
import dev.mutineer.injector.codec.StorageCodec;
import dev.mutineer.injector.codec.StoredObject;
import dev.mutineer.injector.fault.Faults;
import dev.mutineer.injector.inject.StoredValue;
import dev.mutineer.injector.operator.Mutation;
import dev.mutineer.injector.operator.OperatorInput;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A value fault that renames a stored EndpointSlice, on a real local cluster: the API server's watch cache serves the
 * renamed slice under its new name beside the original, and without the reset's phantom purge it kept serving it
 * after the restore, while the EndpointSlice controller deleted the restored slice as its duplicate (etcd then held
 * no slice of the Service at all). After the reset, the API serves exactly the saved slices.
 */
class RenamedObjectResetLiveTest {

    @TempDir
    Path tmp;

    @Test
    void aResetLeavesNoObjectTheApiServesUnderANameNoKeyHolds() throws Exception {
        Campaign campaign = new CampaignLoader().load(TestCampaigns.write(tmp, """
                name: renamed
                workload: [workloads/]
                faults:
                  - operator: delete
                    sample: 1
                """));
        StorageCodec codec = new StorageCodec();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(err, true, StandardCharsets.UTF_8);
        try (CampaignCluster cluster = CampaignCluster.start(campaign, campaign.cluster(), c -> { }, System.out::println)) {
            KubernetesClient k8s = cluster.cluster().client();
            String prefix = cluster.prefix() + "/endpointslices/shop/";
            List<String> saved = names(cluster, codec, prefix);
            assertThat(served(k8s)).isEqualTo(saved);

            StoredValue backend = cluster.store().list(prefix).stream().filter(v -> v.key().contains("/backend-")).findFirst().orElseThrow();
            StoredObject o = codec.tryDecode(backend.value()).orElseThrow();
            Mutation m = Faults.operator("value").apply(new OperatorInput(backend.value(), o,
                    Map.of("field", "metadata.name", "change", "set", "to", "renamed-slice"), new Random(1), null));
            cluster.store().put(backend.key(), m.newValue());
            SteadyStateReset reset = new SteadyStateReset(cluster, ResetMode.RESTART_CONTROLLERS, log, () -> { });
            reset.injected("EndpointSlice");
            long deadline = System.currentTimeMillis() + 10_000;
            while (!served(k8s).contains("renamed-slice") && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(served(k8s)).as("the watch cache files the renamed object under its new name").contains("renamed-slice", o.name());

            List<String> record = reset.reset();
            System.out.println("reset: " + record + "\n" + err);
            assertThat(err.toString()).contains("EndpointSlice shop/renamed-slice (uid " + o.uid() + "), which no etcd key holds",
                    "removed from its cache");
            Thread.sleep(3_000); // what the EndpointSlice controller does with the restored slices, it has done by now
            assertThat(names(cluster, codec, prefix)).as("etcd").isEqualTo(saved);
            assertThat(served(k8s)).as("the API").isEqualTo(saved);
            assertThat(record).isEmpty();
        }
    }

    private static List<String> names(CampaignCluster cluster, StorageCodec codec, String prefix) {
        return cluster.store().list(prefix).stream().map(v -> codec.tryDecode(v.value()).map(StoredObject::name).orElse("?"))
                .sorted().toList();
    }

    private static List<String> served(KubernetesClient k8s) {
        return k8s.discovery().v1().endpointSlices().inNamespace("shop").list().getItems().stream()
                .map(EndpointSlice::getMetadata).map(m -> m.getName()).sorted().toList();
    }
}
