package dev.mutineer.cluster.local;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Two local clusters at once: separate ports, separate etcd, separate state. */
class SideBySideTest {

    @Test
    void twoClustersRunSideBySideWithoutSharingState() {
        try (LocalCluster a = new LocalCluster().withNodes(1); LocalCluster b = new LocalCluster().withNodes(2)) {
            CompletableFuture.allOf(CompletableFuture.runAsync(a::start), CompletableFuture.runAsync(b::start)).join();

            assertThat(a.apiserverUrl()).isNotEqualTo(b.apiserverUrl());
            assertThat(a.etcdUrl()).isNotEqualTo(b.etcdUrl());
            assertThat(a.client().nodes().list().getItems()).hasSize(1);
            assertThat(b.client().nodes().list().getItems()).hasSize(2);

            a.client().configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                    .withNewMetadata().withName("only-in-a").endMetadata().addToData("k", "v").build()).create();
            assertThat(a.client().configMaps().inNamespace("default").withName("only-in-a").get()).isNotNull();
            assertThat(b.client().configMaps().inNamespace("default").withName("only-in-a").get()).isNull();
        }
    }
}
