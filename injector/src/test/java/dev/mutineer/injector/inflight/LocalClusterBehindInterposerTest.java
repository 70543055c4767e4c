package dev.mutineer.injector.inflight;

import dev.mutineer.cluster.local.LocalCluster;
import dev.mutineer.cluster.local.LocalClusterTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transparency: k8s-cluster's own live tests (workload, protobuf in etcd, killed and paused components,
 * steady-state restore), unchanged, against a cluster whose API server reaches etcd only through the
 * interposer, with no rule installed.
 */
class LocalClusterBehindInterposerTest extends LocalClusterTest {

    private static EtcdInterposer interposer;

    @BeforeAll
    protected static void startCluster() {
        interposer = new EtcdInterposer();
        cluster = new LocalCluster().withNodes(3).withEtcdInterposer(interposer::start).start();
        k8s = cluster.client();
        // the API server really talks to the interposer, not to etcd
        String apiserver = ProcessHandle.of(cluster.pids().get("kube-apiserver")).orElseThrow().info().arguments()
                .map(a -> String.join(" ", a)).orElseThrow();
        assertThat(apiserver).contains("--etcd-servers=" + interposer.url()).doesNotContain("--etcd-servers=" + cluster.etcdUrl());
    }

    @AfterAll
    protected static void stopCluster() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            interposer.close();
        }
    }
}
