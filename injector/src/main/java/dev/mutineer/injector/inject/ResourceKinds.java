package dev.mutineer.injector.inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the API server keeps each built-in type in etcd. Most live under their resource name;
 * the exceptions come from history (nodes were minions, replication controllers are
 * "controllers", services keep specs and endpoints side by side).
 */
public final class ResourceKinds {

    private static final List<ResourceKind> KINDS = new ArrayList<>();
    /** Short names kubectl accepts. */
    private static final Map<String, String> SHORT = Map.ofEntries(
            Map.entry("po", "pods"), Map.entry("no", "nodes"), Map.entry("svc", "services"), Map.entry("ep", "endpoints"),
            Map.entry("deploy", "deployments"), Map.entry("rs", "replicasets"), Map.entry("sts", "statefulsets"),
            Map.entry("ds", "daemonsets"), Map.entry("cm", "configmaps"), Map.entry("sa", "serviceaccounts"),
            Map.entry("ns", "namespaces"), Map.entry("ev", "events"), Map.entry("pv", "persistentvolumes"),
            Map.entry("pvc", "persistentvolumeclaims"), Map.entry("rc", "replicationcontrollers"),
            Map.entry("cj", "cronjobs"), Map.entry("pdb", "poddisruptionbudgets"), Map.entry("hpa", "horizontalpodautoscalers"),
            Map.entry("pc", "priorityclasses"), Map.entry("sc", "storageclasses"), Map.entry("crd", "customresourcedefinitions"),
            Map.entry("ing", "ingresses"), Map.entry("netpol", "networkpolicies"), Map.entry("quota", "resourcequotas"),
            Map.entry("limits", "limitranges"));

    static {
        ns("Pod", "pods");
        cluster("Node", "nodes", "minions");
        ns("Service", "services", "services/specs");
        ns("Endpoints", "endpoints", "services/endpoints");
        ns("EndpointSlice", "endpointslices");
        ns("Deployment", "deployments");
        ns("ReplicaSet", "replicasets");
        ns("StatefulSet", "statefulsets");
        ns("DaemonSet", "daemonsets");
        ns("ControllerRevision", "controllerrevisions");
        ns("Job", "jobs");
        ns("CronJob", "cronjobs");
        ns("ReplicationController", "replicationcontrollers", "controllers");
        ns("ConfigMap", "configmaps");
        ns("Secret", "secrets");
        ns("ServiceAccount", "serviceaccounts");
        cluster("Namespace", "namespaces", "namespaces");
        ns("Lease", "leases");
        ns("Event", "events");
        ns("PersistentVolumeClaim", "persistentvolumeclaims");
        cluster("PersistentVolume", "persistentvolumes", "persistentvolumes");
        ns("PodTemplate", "podtemplates");
        ns("LimitRange", "limitranges");
        ns("ResourceQuota", "resourcequotas");
        ns("PodDisruptionBudget", "poddisruptionbudgets");
        ns("HorizontalPodAutoscaler", "horizontalpodautoscalers");
        ns("NetworkPolicy", "networkpolicies");
        ns("Ingress", "ingresses", "ingress");
        cluster("IngressClass", "ingressclasses", "ingressclasses");
        ns("Role", "roles");
        ns("RoleBinding", "rolebindings");
        cluster("ClusterRole", "clusterroles", "clusterroles");
        cluster("ClusterRoleBinding", "clusterrolebindings", "clusterrolebindings");
        cluster("PriorityClass", "priorityclasses", "priorityclasses");
        cluster("StorageClass", "storageclasses", "storageclasses");
        cluster("CSINode", "csinodes", "csinodes");
        cluster("CSIDriver", "csidrivers", "csidrivers");
        cluster("RuntimeClass", "runtimeclasses", "runtimeclasses");
        cluster("FlowSchema", "flowschemas", "flowschemas");
        cluster("PriorityLevelConfiguration", "prioritylevelconfigurations", "prioritylevelconfigurations");
        cluster("ValidatingWebhookConfiguration", "validatingwebhookconfigurations", "validatingwebhookconfigurations");
        cluster("MutatingWebhookConfiguration", "mutatingwebhookconfigurations", "mutatingwebhookconfigurations");
        cluster("ValidatingAdmissionPolicy", "validatingadmissionpolicies", "validatingadmissionpolicies");
        cluster("ServiceCIDR", "servicecidrs", "servicecidrs");
        cluster("IPAddress", "ipaddresses", "ipaddresses");
        cluster("CustomResourceDefinition", "customresourcedefinitions", "apiextensions.k8s.io/customresourcedefinitions");
        cluster("APIService", "apiservices", "apiregistration.k8s.io/apiservices");
        // the service IP and node port allocators: /registry/ranges/serviceips, .../servicenodeports
        cluster("RangeAllocation", "rangeallocations", "ranges");
    }

    private ResourceKinds() {
    }

    private static void ns(String kind, String resource) {
        KINDS.add(new ResourceKind(kind, resource, resource, true));
    }

    private static void ns(String kind, String resource, String path) {
        KINDS.add(new ResourceKind(kind, resource, path, true));
    }

    private static void cluster(String kind, String resource, String path) {
        KINDS.add(new ResourceKind(kind, resource, path, false));
    }

    public static List<ResourceKind> all() {
        return List.copyOf(KINDS);
    }

    /** By kind ("Pod"), resource ("pods"), singular ("pod") or short name ("po"), any case. */
    public static Optional<ResourceKind> find(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        String resource = SHORT.getOrDefault(n, n);
        return KINDS.stream()
                .filter(k -> k.kind().toLowerCase(Locale.ROOT).equals(n) || k.resource().equals(resource)
                        || (k.resource().equals(n + "s")) || (k.resource().equals(n + "es")))
                .findFirst();
    }

    public static ResourceKind require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown kind '" + name + "'; known: "
                + KINDS.stream().map(ResourceKind::resource).toList()));
    }

    /** The type a key belongs to, by the longest matching store path. */
    public static Optional<ResourceKind> ofKey(String prefix, String key) {
        return KINDS.stream()
                .filter(k -> key.startsWith(prefix + "/" + k.storePath() + "/"))
                .max((a, b) -> Integer.compare(a.storePath().length(), b.storePath().length()));
    }
}
