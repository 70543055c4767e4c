package dev.mutineer.injector.operator;

import dev.mutineer.injector.operator.DependencyLink.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fields that tie Kubernetes objects together, per kind: the study found errors in these
 * caused half of the cluster-wide failures. The first matching link wins, so specific entries
 * (an EndpointSlice's service-name label) come before general ones (any label).
 */
public final class DependencyCatalog {

    private static final String WORKLOADS = "Deployment|ReplicaSet|StatefulSet|DaemonSet|Job|ReplicationController";
    private static final String ANY = ".*";

    private static final List<DependencyLink> LINKS = build();

    private DependencyCatalog() {
    }

    public static List<DependencyLink> links() {
        return LINKS;
    }

    public static Optional<DependencyLink> linkFor(String kind, String pathPattern) {
        return LINKS.stream().filter(l -> l.matches(kind, pathPattern)).findFirst();
    }

    private static List<DependencyLink> build() {
        List<DependencyLink> l = new ArrayList<>();
        // specific first
        l.add(DependencyLink.of("EndpointSlice", "metadata\\.labels\\[kubernetes\\.io/service-name\\]", Role.NAME, "Service"));
        l.add(DependencyLink.of("EndpointSlice", "endpoints\\[\\*\\]\\.targetRef\\.name", Role.NAME, null));
        l.add(DependencyLink.of("EndpointSlice", "endpoints\\[\\*\\]\\.targetRef\\.uid", Role.UID, null));
        l.add(DependencyLink.of("EndpointSlice", "endpoints\\[\\*\\]\\.nodeName", Role.NAME, "Node"));
        l.add(DependencyLink.of("Endpoints", "subsets\\[\\*\\]\\.(addresses|notReadyAddresses)\\[\\*\\]\\.targetRef\\.name", Role.NAME, null));
        l.add(DependencyLink.of("Endpoints", "subsets\\[\\*\\]\\.(addresses|notReadyAddresses)\\[\\*\\]\\.targetRef\\.uid", Role.UID, null));
        l.add(DependencyLink.of("Endpoints", "subsets\\[\\*\\]\\.(addresses|notReadyAddresses)\\[\\*\\]\\.nodeName", Role.NAME, "Node"));
        l.add(DependencyLink.of("Service", "spec\\.selector\\[.*\\]", Role.SELECTOR, null));
        l.add(DependencyLink.of("ReplicationController", "spec\\.selector\\[.*\\]", Role.SELECTOR, null));
        l.add(DependencyLink.of(WORKLOADS, "spec\\.selector\\.matchLabels\\[.*\\]", Role.SELECTOR, null));
        l.add(DependencyLink.of(WORKLOADS, "spec\\.template\\.metadata\\.labels\\[.*\\]", Role.LABEL, null));
        l.add(DependencyLink.of("Lease", "spec\\.holderIdentity", Role.HOLDER, null));
        l.add(DependencyLink.of("PersistentVolumeClaim", "spec\\.volumeName", Role.NAME, "PersistentVolume"));
        l.add(DependencyLink.of("PersistentVolume", "spec\\.claimRef\\.name", Role.NAME, "PersistentVolumeClaim"));
        l.add(DependencyLink.of("PersistentVolume", "spec\\.claimRef\\.uid", Role.UID, "PersistentVolumeClaim"));
        l.add(DependencyLink.of("RoleBinding|ClusterRoleBinding", "roleRef\\.name", Role.NAME, null));
        l.add(DependencyLink.of("RoleBinding|ClusterRoleBinding", "subjects\\[\\*\\]\\.name", Role.NAME, null));
        l.add(DependencyLink.of("ServiceAccount", "secrets\\[\\*\\]\\.name", Role.NAME, "Secret"));
        podSpec(l, "Pod", "spec\\.");
        podSpec(l, WORKLOADS, "spec\\.template\\.spec\\.");
        podSpec(l, "CronJob", "spec\\.jobTemplate\\.spec\\.template\\.spec\\.");
        // every object
        l.add(DependencyLink.of(ANY, "metadata\\.ownerReferences\\[\\*\\]\\.uid", Role.UID, null));
        l.add(DependencyLink.of(ANY, "metadata\\.ownerReferences\\[\\*\\]\\.name", Role.NAME, null));
        l.add(DependencyLink.of(ANY, "metadata\\.ownerReferences\\[\\*\\]\\.kind", Role.OWNER_KIND, null));
        l.add(DependencyLink.of(ANY, "metadata\\.ownerReferences\\[\\*\\]\\.controller", Role.CONTROLLER_FLAG, null));
        l.add(DependencyLink.of(ANY, "metadata\\.labels\\[.*\\]", Role.LABEL, null));
        l.add(DependencyLink.of(ANY, "metadata\\.namespace", Role.NAME, "Namespace"));
        l.add(DependencyLink.of(ANY, "metadata\\.finalizers\\[\\*\\]", Role.FINALIZER, null));
        return List.copyOf(l);
    }

    private static void podSpec(List<DependencyLink> l, String kinds, String prefix) {
        String containers = prefix + "(initContainers|containers|ephemeralContainers)\\[\\*\\]\\.";
        l.add(DependencyLink.of(kinds, prefix + "nodeName", Role.NAME, "Node"));
        l.add(DependencyLink.of(kinds, prefix + "(serviceAccountName|serviceAccount)", Role.NAME, "ServiceAccount"));
        l.add(DependencyLink.of(kinds, prefix + "priorityClassName", Role.NAME, "PriorityClass"));
        l.add(DependencyLink.of(kinds, prefix + "volumes\\[\\*\\]\\.configMap\\.name", Role.NAME, "ConfigMap"));
        l.add(DependencyLink.of(kinds, prefix + "volumes\\[\\*\\]\\.secret\\.secretName", Role.NAME, "Secret"));
        l.add(DependencyLink.of(kinds, prefix + "volumes\\[\\*\\]\\.persistentVolumeClaim\\.claimName", Role.NAME, "PersistentVolumeClaim"));
        l.add(DependencyLink.of(kinds, prefix + "volumes\\[\\*\\]\\.projected\\.sources\\[\\*\\]\\.configMap\\.name", Role.NAME, "ConfigMap"));
        l.add(DependencyLink.of(kinds, prefix + "volumes\\[\\*\\]\\.projected\\.sources\\[\\*\\]\\.secret\\.name", Role.NAME, "Secret"));
        l.add(DependencyLink.of(kinds, prefix + "imagePullSecrets\\[\\*\\]\\.name", Role.NAME, "Secret"));
        l.add(DependencyLink.of(kinds, containers + "envFrom\\[\\*\\]\\.configMapRef\\.name", Role.NAME, "ConfigMap"));
        l.add(DependencyLink.of(kinds, containers + "envFrom\\[\\*\\]\\.secretRef\\.name", Role.NAME, "Secret"));
        l.add(DependencyLink.of(kinds, containers + "env\\[\\*\\]\\.valueFrom\\.configMapKeyRef\\.name", Role.NAME, "ConfigMap"));
        l.add(DependencyLink.of(kinds, containers + "env\\[\\*\\]\\.valueFrom\\.secretKeyRef\\.name", Role.NAME, "Secret"));
    }
}
