package dev.mutineer.injector.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mutineer.cluster.local.LocalCluster;
import dev.mutineer.injector.catalog.FieldPath;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;

/** Helpers for tests against a live local cluster: a workload, raw reads through the API server (waiting is LiveChecks.await). */
final class LiveCluster {

    static final String NS = "default";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveCluster() {
    }

    /** A client that does not retry: a 429 must reach the test, not be waited out. */
    static KubernetesClient noRetryClient(LocalCluster cluster) {
        try {
            Config base = Config.fromKubeconfig(Files.readString(cluster.kubeconfig()));
            return new KubernetesClientBuilder().withConfig(new ConfigBuilder(base).withRequestRetryBackoffLimit(0).build()).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A ConfigMap and a Secret (fake data) the workloads mount, so both kinds are stored and referenced. */
    static void createConfig(KubernetesClient k8s) {
        k8s.configMaps().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("web-config").endMetadata().addToData("greeting", "hello").build()).create();
        k8s.secrets().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata().withName("web-credentials").endMetadata().addToStringData("password", "not-a-secret").build()).create();
    }

    static void deployWeb(KubernetesClient k8s, String name, int replicas) {
        k8s.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec()
                .addNewVolume().withName("config").withNewConfigMap().withName("web-config").endConfigMap().endVolume()
                .addNewVolume().withName("credentials").withNewSecret().withSecretName("web-credentials").endSecret().endVolume()
                .addNewContainer().withName(name).withImage("nginx:1.27")
                .withNewResources().addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("100m")).endResources()
                .addNewPort().withContainerPort(8080).endPort().endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        k8s.services().inNamespace(NS).resource(new ServiceBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().addToSelector("app", name)
                .addNewPort().withPort(80).withTargetPort(new IntOrString(8080)).endPort().endSpec()
                .build()).create();
    }

    /** The object as the API server serves it (JSON), or empty on 404. */
    static Optional<JsonNode> served(KubernetesClient k8s, String path) {
        try {
            String body = k8s.raw(path);
            return body == null ? Optional.empty() : Optional.of(JSON.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value at a field path in an API JSON object: brackets index lists or key maps. */
    static JsonNode at(JsonNode root, FieldPath path) {
        JsonNode n = root;
        for (FieldPath.Segment s : path.segments()) {
            n = n.isArray() ? n.path(Integer.parseInt(s.text())) : n.path(s.text());
        }
        return n;
    }

    /** The HTTP code a LIST answers with: 200, or the error's code. */
    static int listCode(KubernetesClient k8s, String path) {
        try {
            k8s.raw(path);
            return 200;
        } catch (KubernetesClientException e) {
            return e.getCode();
        }
    }
}
