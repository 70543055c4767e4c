package dev.mutineer.campaign.run;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.campaign.ResetMode;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reset on a real local cluster with the default shop workload: objects of the workload that are not the
 * saved ones (by UID) are removed or, when they come back, recorded as drift.
 */
class SteadyStateResetLiveTest {

    @TempDir
    java.nio.file.Path tmp;

    /** A ReplicaSet of its own in the workload's namespace, with one pod: nothing the steady state holds. */
    private static void createIntruder(KubernetesClient k8s) {
        Map<String, String> labels = Map.of("app", "intruder");
        ReplicaSet rs = new ReplicaSetBuilder().withNewMetadata().withNamespace("shop").withName("intruder").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("shop.invalid/intruder:1").endContainer().endSpec()
                .endTemplate().endSpec().build();
        k8s.apps().replicaSets().inNamespace("shop").resource(rs).create();
    }

    private static boolean intruderExists(KubernetesClient k8s) {
        return k8s.apps().replicaSets().inNamespace("shop").withName("intruder").get() != null;
    }

    @Test
    void objectsThatAreNotTheSavedOnesAreRemovedOrRecorded() throws Exception {
        Campaign campaign = new CampaignLoader().load(TestCampaigns.write(tmp, """
                name: drift
                workload: [workloads/]
                faults:
                  - operator: delete
                    sample: 1
                """));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(err, true, StandardCharsets.UTF_8);
        try (CampaignCluster cluster = CampaignCluster.start(campaign, campaign.cluster(), c -> { }, System.out::println)) {
            KubernetesClient k8s = cluster.cluster().client();
            assertThat(new SteadyStateReset(cluster, ResetMode.RESTART_CONTROLLERS).drift()).as("right after the save").isEmpty();

            // Created after the steady state was saved: the restore removes it, nothing to record.
            createIntruder(k8s);
            List<String> plain = new SteadyStateReset(cluster, ResetMode.RESTART_CONTROLLERS, log, () -> { }).reset();
            System.out.println("plain reset: " + plain);
            assertThat(intruderExists(k8s)).isFalse();
            assertThat(plain).noneMatch(r -> r.startsWith("drift: "));

            // Created again right after the restore, as a controller acting on what it remembers would: counts come
            // to rest, the objects are not the saved ones. The drift is found, recorded and reset away.
            AtomicInteger restores = new AtomicInteger();
            List<String> once = new SteadyStateReset(cluster, ResetMode.RESTART_CONTROLLERS, log, () -> {
                if (restores.incrementAndGet() == 1) {
                    createIntruder(k8s);
                }
            }).reset();
            System.out.println("reset with an intruder after the first restore: " + once);
            assertThat(restores).hasValue(2);
            assertThat(once).anyMatch(r -> r.startsWith("drift: ReplicaSet shop/intruder (uid ")
                    && r.endsWith("not in the steady state (cleared by a second reset)"));
            assertThat(intruderExists(k8s)).isFalse();
            assertThat(new SteadyStateReset(cluster, ResetMode.RESTART_CONTROLLERS).drift()).isEmpty();

            // Back after every restore: the drift remains and the record says so.
            List<String> always = new SteadyStateReset(cluster, ResetMode.KEYS_ONLY, log, () -> createIntruder(k8s)).reset();
            System.out.println("reset with an intruder after every restore: " + always);
            assertThat(always).anyMatch(r -> r.startsWith("drift: ReplicaSet shop/intruder (uid ") && r.endsWith("(remains after a second reset)"));
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("reset: still not the saved steady state");
        }
    }
}
