package dev.mutineer.injector.operator;

import dev.mutineer.cluster.resource.DependencyField;
import dev.mutineer.cluster.resource.ResourceKinds;

import java.util.Optional;

/**
 * The fields that tie Kubernetes objects together, per kind, as each kind's declaration in {@link ResourceKinds}
 * lists them: the study found errors in these caused half of the cluster-wide failures.
 */
public final class DependencyCatalog {

    private DependencyCatalog() {
    }

    /** The first matching field: the kind's own (an EndpointSlice's service-name label) before any object's (any label). */
    public static Optional<DependencyField> linkFor(String kind, String pathPattern) {
        return ResourceKinds.dependencyAt(kind, pathPattern);
    }
}
