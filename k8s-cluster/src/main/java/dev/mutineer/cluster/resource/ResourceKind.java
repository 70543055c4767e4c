package dev.mutineer.cluster.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything mutineer knows about one stored resource type, declared once in {@link ResourceKinds}.
 *
 * @param kind         "Pod"
 * @param resource     "pods" (what users type)
 * @param shortNames   the short names kubectl accepts ("po")
 * @param apiVersion   the version the API server stores it in ("apps/v1")
 * @param storePath    the path under the key prefix: "pods", "minions", "services/specs",
 *                     "apiregistration.k8s.io/apiservices"
 * @param namespaced   whether keys carry a namespace segment
 * @param protoType    the full name of its protobuf message ("k8s.io.api.core.v1.Pod"); null: stored as JSON
 * @param pods         how the pods that belong to an object of this kind are found
 * @param counters     where a workload keeps its replica counters; null unless {@code pods} is OWNED
 * @param dependencies the fields of this kind that tie it to other objects, specific ones first
 */
public record ResourceKind(String kind, String resource, List<String> shortNames, String apiVersion, String storePath,
                           boolean namespaced, String protoType, Pods pods, WorkloadCounters counters,
                           List<DependencyField> dependencies) {

    /** How an object's pods are found. */
    public enum Pods {
        /** It has none. */
        NONE,
        /** A workload: the pods its controller owns (ownerReferences with controller: true), directly or through
         *  the workloads it owns (a Deployment's ReplicaSets). */
        OWNED,
        /** The pods its label selector picks (a Service). */
        SELECTED
    }

    /** How the API server stores it. */
    public enum Storage { PROTOBUF, JSON }

    public ResourceKind {
        shortNames = List.copyOf(shortNames);
        dependencies = List.copyOf(dependencies);
        if ((pods == Pods.OWNED) != (counters != null)) {
            throw new IllegalArgumentException(kind + ": a workload (pods OWNED) and only a workload has counters");
        }
    }

    public Storage storage() {
        return protoType == null ? Storage.JSON : Storage.PROTOBUF;
    }

    public boolean isWorkload() {
        return pods == Pods.OWNED;
    }

    /** "/registry/pods/default/web" or "/registry/minions/node-1". */
    public String key(String prefix, String namespace, String name) {
        if (namespaced && (namespace == null || namespace.isEmpty())) {
            throw new IllegalArgumentException(kind + " is namespaced: name the namespace of " + name);
        }
        return keyPrefix(prefix, namespaced ? namespace : null) + name;
    }

    /** Every key of this type (namespace null) or of one namespace, ending in "/". */
    public String keyPrefix(String prefix, String namespace) {
        String base = prefix + "/" + storePath + "/";
        return namespace == null || namespace.isEmpty() || !namespaced ? base : base + namespace + "/";
    }

    /** Whether a user's word names this kind: kind, resource, singular or short name, any case. */
    boolean isNamed(String word) {
        String n = word.trim().toLowerCase(Locale.ROOT);
        return kind.toLowerCase(Locale.ROOT).equals(n) || resource.equals(n) || shortNames.contains(n)
                || resource.equals(n + "s") || resource.equals(n + "es");
    }

    // Declaration helpers: ResourceKinds reads as one line per kind.

    ResourceKind shortNames(String... names) {
        return new ResourceKind(kind, resource, List.of(names), apiVersion, storePath, namespaced, protoType, pods, counters,
                dependencies);
    }

    ResourceKind storedAt(String path) {
        return new ResourceKind(kind, resource, shortNames, apiVersion, path, namespaced, protoType, pods, counters, dependencies);
    }

    ResourceKind json() {
        return new ResourceKind(kind, resource, shortNames, apiVersion, storePath, namespaced, null, pods, counters, dependencies);
    }

    ResourceKind workload(WorkloadCounters workloadCounters) {
        return new ResourceKind(kind, resource, shortNames, apiVersion, storePath, namespaced, protoType, Pods.OWNED,
                workloadCounters, dependencies);
    }

    ResourceKind selectsPods() {
        return new ResourceKind(kind, resource, shortNames, apiVersion, storePath, namespaced, protoType, Pods.SELECTED, null,
                dependencies);
    }

    ResourceKind dependency(String path, DependencyField.Role role, String referent) {
        List<DependencyField> more = new ArrayList<>(dependencies);
        more.add(DependencyField.of(path, role, referent));
        return new ResourceKind(kind, resource, shortNames, apiVersion, storePath, namespaced, protoType, pods, counters, more);
    }

    /** The references a pod spec at {@code prefix} ("spec.template.spec.") holds. */
    ResourceKind podSpecAt(String prefix) {
        String p = prefix.replace(".", "\\.");
        String containers = p + "(initContainers|containers|ephemeralContainers)\\[\\*\\]\\.";
        DependencyField.Role name = DependencyField.Role.NAME;
        return dependency(p + "nodeName", name, "Node")
                .dependency(p + "(serviceAccountName|serviceAccount)", name, "ServiceAccount")
                .dependency(p + "priorityClassName", name, "PriorityClass")
                .dependency(p + "volumes\\[\\*\\]\\.configMap\\.name", name, "ConfigMap")
                .dependency(p + "volumes\\[\\*\\]\\.secret\\.secretName", name, "Secret")
                .dependency(p + "volumes\\[\\*\\]\\.persistentVolumeClaim\\.claimName", name, "PersistentVolumeClaim")
                .dependency(p + "volumes\\[\\*\\]\\.projected\\.sources\\[\\*\\]\\.configMap\\.name", name, "ConfigMap")
                .dependency(p + "volumes\\[\\*\\]\\.projected\\.sources\\[\\*\\]\\.secret\\.name", name, "Secret")
                .dependency(p + "imagePullSecrets\\[\\*\\]\\.name", name, "Secret")
                .dependency(containers + "envFrom\\[\\*\\]\\.configMapRef\\.name", name, "ConfigMap")
                .dependency(containers + "envFrom\\[\\*\\]\\.secretRef\\.name", name, "Secret")
                .dependency(containers + "env\\[\\*\\]\\.valueFrom\\.configMapKeyRef\\.name", name, "ConfigMap")
                .dependency(containers + "env\\[\\*\\]\\.valueFrom\\.secretKeyRef\\.name", name, "Secret");
    }
}
