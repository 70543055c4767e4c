package dev.mutineer.campaign.run;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.cluster.Cluster;
import dev.mutineer.cluster.Keyspace;
import io.etcd.jetcd.Client;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 1,000-node local cluster (kwok nodes) saves its steady state, restores it, and plans a campaign on its
 * nodes: every whole-keyspace read goes in pages at one revision. Prints the figures (time, bytes, pages).
 * Slow (a few minutes on 2 cores): {@code mvn -pl campaign-runner -am -Pslow -Dtest=LargeClusterLiveTest
 * -Dsurefire.failIfNoSpecifiedTests=false verify}; {@code -Dnodes=N} for another size.
 */
@Tag("slow")
class LargeClusterLiveTest {

    private static final int NODES = Integer.getInteger("nodes", 1000);

    @Test
    void aThousandNodeClusterSavesRestoresAndPlans(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("workloads"));
        Files.writeString(dir.resolve("workloads/web.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: default}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: nginx:1.27}]}
                """);
        Files.writeString(dir.resolve("campaign.yaml"), """
                name: large-cluster
                seed: 1000
                cluster: {backend: local, nodes: %d}
                workload: [workloads/]
                targets: {kinds: [Node]}
                faults:
                  - operator: value
                    sample: 20
                observationWindow: 10s
                settleTime: 1s
                goldenRuns: 1
                repetitions: 1
                """.formatted(NODES));
        Campaign campaign = new CampaignLoader().load(dir.resolve("campaign.yaml"));

        long t0 = System.nanoTime();
        try (CampaignCluster started = CampaignCluster.start(campaign, campaign.cluster(), c -> { }, System.out::println)) {
            double startSeconds = seconds(t0);
            Cluster cluster = started.cluster();

            long t1 = System.nanoTime();
            cluster.saveSteadyState();
            double saveSeconds = seconds(t1);

            Keyspace keyspace;
            long t2 = System.nanoTime();
            try (Client etcd = cluster.etcd().connect()) {
                keyspace = Keyspace.read(etcd, cluster.etcdKeyPrefix() + "/");
            }
            double readSeconds = seconds(t2);

            long t3 = System.nanoTime();
            List<StoredObjects.Selected> objects = StoredObjects.read(cluster, campaign.targets());
            double selectSeconds = seconds(t3);
            long t3b = System.nanoTime();
            assertThat(StoredObjects.read(cluster, campaign.targets())).hasSameSizeAs(objects);
            double selectAgainSeconds = seconds(t3b);
            long t4 = System.nanoTime();
            List<PlannedInjection> plan = CampaignPlanner.plan(campaign, objects);
            double planSeconds = seconds(t4);

            long t5 = System.nanoTime();
            cluster.restoreSteadyState();
            double restoreSeconds = seconds(t5);

            long nodeKeys = keyspace.entries().stream().filter(e -> e.key().startsWith("/registry/minions/")).count();
            long nodeBytes = keyspace.entries().stream().filter(e -> e.key().startsWith("/registry/minions/"))
                    .mapToLong(e -> e.key().length() + e.value().length).sum();
            System.out.printf("%d-node local cluster: start with workload and first save %.1f s%n", NODES, startSeconds);
            System.out.printf("keyspace: %d keys, %.2f MiB (nodes: %d keys, %.2f MiB), %d pages of up to %d keys at revision %d, read in %.2f s%n",
                    keyspace.entries().size(), keyspace.bytes() / 1048576.0, nodeKeys, nodeBytes / 1048576.0, keyspace.pages(),
                    Keyspace.PAGE_KEYS, keyspace.revision(), readSeconds);
            System.out.printf("saveSteadyState %.2f s; StoredObjects.read %.2f s, again %.2f s (%d objects: %s); plan %.3f s (%d injections); restoreSteadyState %.2f s%n",
                    saveSeconds, selectSeconds, selectAgainSeconds, objects.size(), StoredObjects.countByKind(objects), planSeconds, plan.size(), restoreSeconds);

            assertThat(nodeKeys).isEqualTo(NODES);
            assertThat(keyspace.pages()).isGreaterThan(1);
            assertThat(objects).filteredOn(o -> o.target().kind().equals("Node")).hasSize(NODES);
            assertThat(plan).hasSize(20);
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
