package dev.mutineer.classifier.facts;

import dev.mutineer.cluster.resource.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists what {@link ClusterFacts} derives from, in some namespaces (none: every namespace). Each call is one LIST
 * per namespace; a failed LIST throws the client's exception.
 */
public final class ClusterReader {

    private final KubernetesClient client;
    private final List<String> namespaces;

    public ClusterReader(KubernetesClient client, List<String> namespaces) {
        this.client = client;
        this.namespaces = List.copyOf(namespaces);
    }

    /** The objects of a declared kind, read as its declaration describes them (no API discovery). */
    public List<GenericKubernetesResource> objects(ResourceKind kind) {
        String api = kind.apiVersion();
        ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
                .withGroup(api.contains("/") ? api.substring(0, api.indexOf('/')) : "")
                .withVersion(api.substring(api.indexOf('/') + 1))
                .withKind(kind.kind()).withPlural(kind.resource()).withNamespaced(kind.namespaced()).build();
        return list(client.genericKubernetesResources(context));
    }

    public List<Pod> pods() {
        return list(client.pods());
    }

    public List<Service> services() {
        return list(client.services());
    }

    public List<EndpointSlice> endpointSlices() {
        return list(client.discovery().v1().endpointSlices());
    }

    public List<Node> nodes() {
        return client.nodes().list().getItems();
    }

    private <T extends HasMetadata, L extends KubernetesResourceList<T>> List<T> list(MixedOperation<T, L, ?> op) {
        if (namespaces.isEmpty()) {
            return op.inAnyNamespace().list().getItems();
        }
        List<T> all = new ArrayList<>();
        namespaces.forEach(ns -> all.addAll(op.inNamespace(ns).list().getItems()));
        return all;
    }
}
