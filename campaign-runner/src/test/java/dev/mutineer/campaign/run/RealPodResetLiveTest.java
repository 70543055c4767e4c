package dev.mutineer.campaign.run;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.campaign.ResetMode;
import dev.mutineer.cluster.Poll;
import dev.mutineer.cluster.node.NodeContainer;
import dev.mutineer.cluster.node.NodePrerequisites;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reset on a cluster with a real node: a deleted pod of the echo workload is replaced by its ReplicaSet; the reset
 * puts the saved pod back and removes the replacement, and it returns only once the node runs exactly the saved pods
 * again (seen through containerd, not the pod API). Needs root and the node packages: skipped, naming what is
 * missing, without.
 */
class RealPodResetLiveTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void realNodesCanRunHere() {
        List<String> missing = NodePrerequisites.missing();
        Assumptions.assumeTrue(missing.isEmpty(), () -> NodePrerequisites.message(missing));
    }

    private static Set<String> echoPodUids(KubernetesClient k8s) {
        return k8s.pods().inNamespace("echo").list().getItems().stream().map(p -> p.getMetadata().getUid())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> runningPodUids(CampaignCluster cluster) {
        return cluster.cluster().realNodeContainers().values().stream().flatMap(List::stream)
                .filter(c -> c.podNamespace().equals("echo") && !c.sandbox()).map(NodeContainer::podUid)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theResetReturnsOnlyOnceTheNodeRunsTheSavedPodsAgain() throws Exception {
        Files.createDirectories(tmp.resolve("echo"));
        Files.copy(TestCampaigns.repo().resolve("examples/echo/echo.yaml"), tmp.resolve("echo/echo.yaml"));
        Files.writeString(tmp.resolve("campaign.yaml"), """
                name: real-reset
                cluster: {nodes: 1, realNodes: 1}
                workload: [echo/]
                faults:
                  - operator: delete
                    sample: 1
                """);
        Campaign campaign = new CampaignLoader().load(tmp.resolve("campaign.yaml"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(err, true, StandardCharsets.UTF_8);
        try (CampaignCluster cluster = CampaignCluster.start(campaign, campaign.cluster(), c -> { }, System.out::println)) {
            KubernetesClient k8s = cluster.cluster().client();
            Set<String> saved = echoPodUids(k8s);
            assertThat(saved).hasSize(2);
            assertThat(runningPodUids(cluster)).as("the saved pods run on the node").isEqualTo(saved);
            // Also the etcd client's first use (through the namespace's relay: seconds), which is no part of a reset's cost.
            assertThat(new SteadyStateReset(cluster, ResetMode.RESTART_CONTROLLERS).drift()).as("right after the save").isEmpty();
            AtRestCondition realPods = AtRestConditions.realPods(cluster.cluster());
            assertThat(realPods.notMet(java.time.Instant.now())).as("at rest right after the save").isEmpty();

            Pod victim = k8s.pods().inNamespace("echo").list().getItems().get(0);
            k8s.pods().inNamespace("echo").withName(victim.getMetadata().getName()).delete();
            Poll.until("the replacement pod running", Poll.deadline(Duration.ofMinutes(1)), () -> {
                Set<String> now = runningPodUids(cluster);
                return now.size() == 2 && !now.contains(victim.getMetadata().getUid());
            });
            Set<String> replaced = runningPodUids(cluster);

            long t0 = System.nanoTime();
            List<String> record = new SteadyStateReset(cluster, ResetMode.RESTART_CONTROLLERS, log, () -> { }).reset();
            long resetMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

            assertThat(record).as("what did not come to rest; log: %s", err).isEmpty();
            assertThat(echoPodUids(k8s)).as("the API holds the saved pods").isEqualTo(saved);
            assertThat(runningPodUids(cluster)).as("the node runs the saved pods, the replacement is gone").isEqualTo(saved);
            assertThat(realPods.notMet(java.time.Instant.now())).isEmpty();

            long t1 = System.nanoTime();
            List<String> calm = new SteadyStateReset(cluster, ResetMode.RESTART_CONTROLLERS, log, () -> { }).reset();
            long calmMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
            assertThat(calm).isEmpty();
            System.out.println("RealPodResetLiveTest figures: {reset after a pod was replaced (ms)=" + resetMillis
                    + ", reset with nothing to undo (ms)=" + calmMillis + ", saved=" + saved + ", replaced=" + replaced + "}");
        }
    }
}
