package dev.mutineer.classifier;

import dev.mutineer.cluster.local.LiveChecks;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The default shop workload of examples/workloads, for live tests: created, then awaited until it settled. */
public final class ShopWorkload {

    private ShopWorkload() {
    }

    /** Creates every object of examples/workloads and waits until the Deployments and the StatefulSet are ready. */
    public static void deploy(KubernetesClient k8s) {
        for (Path file : files()) {
            try (InputStream in = Files.newInputStream(file)) {
                for (HasMetadata item : k8s.load(in).items()) {
                    k8s.resource(item).create();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        LiveChecks.await("shop settled", () -> k8s.apps().deployments().inNamespace("shop").list().getItems().stream()
                .allMatch(d -> d.getStatus() != null && d.getSpec().getReplicas().equals(d.getStatus().getAvailableReplicas()))
                && k8s.apps().statefulSets().inNamespace("shop").withName("db").get().getStatus().getReadyReplicas() != null
                && k8s.apps().statefulSets().inNamespace("shop").withName("db").get().getStatus().getReadyReplicas() == 2);
    }

    static List<Path> files() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples/workloads"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no examples/workloads above " + Path.of("").toAbsolutePath());
        }
        try (Stream<Path> files = Files.list(dir.resolve("examples/workloads"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
