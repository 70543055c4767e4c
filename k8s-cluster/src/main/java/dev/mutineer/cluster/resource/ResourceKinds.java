package dev.mutineer.cluster.resource;

import dev.mutineer.cluster.resource.DependencyField.Role;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The resource kinds mutineer knows, one declaration each: where the API server keeps it in etcd, its protobuf
 * type, whether it is a workload and how its pods are found, the fields that tie it to other objects. The
 * campaign validator, the storage codec, the field catalog, the observer and the dependency catalog read it here.
 * Adding a kind is one line below.
 *
 * <p>Store paths: most types live under their resource name; the exceptions come from history (nodes were
 * minions, replication controllers are "controllers", services keep specs and endpoints side by side).
 */
public final class ResourceKinds {

    private static final String POD_TEMPLATE = "spec.template.spec.";
    private static final String ROLE_REF = "roleRef\\.name";
    private static final String SUBJECTS = "subjects\\[\\*\\]\\.name";
    private static final String ENDPOINTS_ADDRESSES = "subsets\\[\\*\\]\\.(addresses|notReadyAddresses)\\[\\*\\]\\.";

    /** An API group version and the protobuf package its types are generated into. */
    private record Api(String version, String protoPackage) {
    }

    private static final Api CORE = new Api("v1", "k8s.io.api.core.v1");
    private static final Api APPS = new Api("apps/v1", "k8s.io.api.apps.v1");
    private static final Api BATCH = new Api("batch/v1", "k8s.io.api.batch.v1");
    private static final Api DISCOVERY = new Api("discovery.k8s.io/v1", "k8s.io.api.discovery.v1");
    private static final Api COORDINATION = new Api("coordination.k8s.io/v1", "k8s.io.api.coordination.v1");
    private static final Api POLICY = new Api("policy/v1", "k8s.io.api.policy.v1");
    private static final Api AUTOSCALING = new Api("autoscaling/v2", "k8s.io.api.autoscaling.v2");
    private static final Api NETWORKING = new Api("networking.k8s.io/v1", "k8s.io.api.networking.v1");
    private static final Api RBAC = new Api("rbac.authorization.k8s.io/v1", "k8s.io.api.rbac.v1");
    private static final Api SCHEDULING = new Api("scheduling.k8s.io/v1", "k8s.io.api.scheduling.v1");
    private static final Api STORAGE = new Api("storage.k8s.io/v1", "k8s.io.api.storage.v1");
    private static final Api NODE = new Api("node.k8s.io/v1", "k8s.io.api.node.v1");
    private static final Api FLOWCONTROL = new Api("flowcontrol.apiserver.k8s.io/v1", "k8s.io.api.flowcontrol.v1");
    private static final Api ADMISSION = new Api("admissionregistration.k8s.io/v1", "k8s.io.api.admissionregistration.v1");
    private static final Api APIEXTENSIONS = new Api("apiextensions.k8s.io/v1", "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1");
    private static final Api APIREGISTRATION = new Api("apiregistration.k8s.io/v1", "k8s.io.kube_aggregator.pkg.apis.apiregistration.v1");

    private static final List<ResourceKind> KINDS = List.of(
            ns("Pod", "pods", CORE).shortNames("po").podSpecAt("spec."),
            cluster("Node", "nodes", CORE).shortNames("no").storedAt("minions"),
            ns("Service", "services", CORE).shortNames("svc").storedAt("services/specs").selectsPods()
                    .dependency("spec\\.selector\\[.*\\]", Role.SELECTOR, null),
            ns("Endpoints", "endpoints", CORE).shortNames("ep").storedAt("services/endpoints")
                    .dependency(ENDPOINTS_ADDRESSES + "targetRef\\.name", Role.NAME, null)
                    .dependency(ENDPOINTS_ADDRESSES + "targetRef\\.uid", Role.UID, null)
                    .dependency(ENDPOINTS_ADDRESSES + "nodeName", Role.NAME, "Node"),
            ns("EndpointSlice", "endpointslices", DISCOVERY)
                    .dependency("metadata\\.labels\\[kubernetes\\.io/service-name\\]", Role.NAME, "Service")
                    .dependency("endpoints\\[\\*\\]\\.targetRef\\.name", Role.NAME, null)
                    .dependency("endpoints\\[\\*\\]\\.targetRef\\.uid", Role.UID, null)
                    .dependency("endpoints\\[\\*\\]\\.nodeName", Role.NAME, "Node"),
            workload(ns("Deployment", "deployments", APPS).shortNames("deploy"), WorkloadCounters.REPLICAS),
            workload(ns("ReplicaSet", "replicasets", APPS).shortNames("rs"), WorkloadCounters.REPLICAS),
            workload(ns("StatefulSet", "statefulsets", APPS).shortNames("sts"), WorkloadCounters.REPLICAS),
            workload(ns("DaemonSet", "daemonsets", APPS).shortNames("ds"), WorkloadCounters.of(
                    "status.desiredNumberScheduled", "status.currentNumberScheduled", "status.numberReady",
                    "status.numberAvailable", "status.observedGeneration")),
            ns("ControllerRevision", "controllerrevisions", APPS),
            // A Job's "available" is its succeeded count: finished work is what a Job provides.
            workload(ns("Job", "jobs", BATCH), WorkloadCounters.of(
                    "spec.parallelism", "status.active", "status.ready", "status.succeeded", null)),
            ns("CronJob", "cronjobs", BATCH).shortNames("cj").podSpecAt("spec.jobTemplate.spec.template.spec."),
            ns("ReplicationController", "replicationcontrollers", CORE).shortNames("rc").storedAt("controllers")
                    .dependency("spec\\.selector\\[.*\\]", Role.SELECTOR, null)
                    .dependency("spec\\.template\\.metadata\\.labels\\[.*\\]", Role.LABEL, null)
                    .podSpecAt(POD_TEMPLATE),
            ns("ConfigMap", "configmaps", CORE).shortNames("cm"),
            ns("Secret", "secrets", CORE),
            ns("ServiceAccount", "serviceaccounts", CORE).shortNames("sa")
                    .dependency("secrets\\[\\*\\]\\.name", Role.NAME, "Secret"),
            cluster("Namespace", "namespaces", CORE).shortNames("ns"),
            ns("Lease", "leases", COORDINATION).dependency("spec\\.holderIdentity", Role.HOLDER, null),
            ns("Event", "events", CORE).shortNames("ev"),
            ns("PersistentVolumeClaim", "persistentvolumeclaims", CORE).shortNames("pvc")
                    .dependency("spec\\.volumeName", Role.NAME, "PersistentVolume"),
            cluster("PersistentVolume", "persistentvolumes", CORE).shortNames("pv")
                    .dependency("spec\\.claimRef\\.name", Role.NAME, "PersistentVolumeClaim")
                    .dependency("spec\\.claimRef\\.uid", Role.UID, "PersistentVolumeClaim"),
            ns("PodTemplate", "podtemplates", CORE),
            ns("LimitRange", "limitranges", CORE).shortNames("limits"),
            ns("ResourceQuota", "resourcequotas", CORE).shortNames("quota"),
            ns("PodDisruptionBudget", "poddisruptionbudgets", POLICY).shortNames("pdb"),
            ns("HorizontalPodAutoscaler", "horizontalpodautoscalers", AUTOSCALING).shortNames("hpa"),
            ns("NetworkPolicy", "networkpolicies", NETWORKING).shortNames("netpol"),
            ns("Ingress", "ingresses", NETWORKING).shortNames("ing").storedAt("ingress"),
            cluster("IngressClass", "ingressclasses", NETWORKING),
            ns("Role", "roles", RBAC),
            ns("RoleBinding", "rolebindings", RBAC).dependency(ROLE_REF, Role.NAME, null).dependency(SUBJECTS, Role.NAME, null),
            cluster("ClusterRole", "clusterroles", RBAC),
            cluster("ClusterRoleBinding", "clusterrolebindings", RBAC)
                    .dependency(ROLE_REF, Role.NAME, null).dependency(SUBJECTS, Role.NAME, null),
            cluster("PriorityClass", "priorityclasses", SCHEDULING).shortNames("pc"),
            cluster("StorageClass", "storageclasses", STORAGE).shortNames("sc"),
            cluster("CSINode", "csinodes", STORAGE),
            cluster("CSIDriver", "csidrivers", STORAGE),
            cluster("RuntimeClass", "runtimeclasses", NODE),
            cluster("FlowSchema", "flowschemas", FLOWCONTROL),
            cluster("PriorityLevelConfiguration", "prioritylevelconfigurations", FLOWCONTROL),
            cluster("ValidatingWebhookConfiguration", "validatingwebhookconfigurations", ADMISSION),
            cluster("MutatingWebhookConfiguration", "mutatingwebhookconfigurations", ADMISSION),
            cluster("ValidatingAdmissionPolicy", "validatingadmissionpolicies", ADMISSION),
            cluster("ServiceCIDR", "servicecidrs", NETWORKING),
            cluster("IPAddress", "ipaddresses", NETWORKING),
            cluster("CustomResourceDefinition", "customresourcedefinitions", APIEXTENSIONS).shortNames("crd")
                    .storedAt("apiextensions.k8s.io/customresourcedefinitions").json(),
            cluster("APIService", "apiservices", APIREGISTRATION)
                    .storedAt("apiregistration.k8s.io/apiservices").json(),
            // the service IP and node port allocators: /registry/ranges/serviceips, .../servicenodeports
            cluster("RangeAllocation", "rangeallocations", CORE).storedAt("ranges"));

    /** Fields every object has that tie it to others; a kind's own fields come first. */
    private static final List<DependencyField> EVERY_OBJECT = List.of(
            DependencyField.of("metadata\\.ownerReferences\\[\\*\\]\\.uid", Role.UID, null),
            DependencyField.of("metadata\\.ownerReferences\\[\\*\\]\\.name", Role.NAME, null),
            DependencyField.of("metadata\\.ownerReferences\\[\\*\\]\\.kind", Role.OWNER_KIND, null),
            DependencyField.of("metadata\\.ownerReferences\\[\\*\\]\\.controller", Role.CONTROLLER_FLAG, null),
            DependencyField.of("metadata\\.labels\\[.*\\]", Role.LABEL, null),
            DependencyField.of("metadata\\.namespace", Role.NAME, "Namespace"),
            DependencyField.of("metadata\\.finalizers\\[\\*\\]", Role.FINALIZER, null));

    private ResourceKinds() {
    }

    public static List<ResourceKind> all() {
        return KINDS;
    }

    public static List<ResourceKind> workloads() {
        return KINDS.stream().filter(ResourceKind::isWorkload).toList();
    }

    /** By kind ("Pod"), resource ("pods"), singular ("pod") or short name ("po"), any case. */
    public static Optional<ResourceKind> find(String name) {
        return KINDS.stream().filter(k -> k.isNamed(name)).findFirst();
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

    /** The dependency field of kind at the path pattern: the kind's own first, then those every object has. */
    public static Optional<DependencyField> dependencyAt(String kind, String pathPattern) {
        List<DependencyField> own = KINDS.stream().filter(k -> k.kind().equals(kind)).findFirst()
                .map(ResourceKind::dependencies).orElse(List.of());
        return Stream.concat(own.stream(), EVERY_OBJECT.stream()).filter(d -> d.matches(pathPattern)).findFirst();
    }

    /** Every dependency field a kind has, its own and those of every object. */
    public static List<DependencyField> dependencies(ResourceKind kind) {
        return Stream.concat(kind.dependencies().stream(), EVERY_OBJECT.stream()).toList();
    }


    /** A workload: its selector and template labels tie it to its pods, its template references what pods use. */
    private static ResourceKind workload(ResourceKind k, WorkloadCounters counters) {
        return k.workload(counters)
                .dependency("spec\\.selector\\.matchLabels\\[.*\\]", Role.SELECTOR, null)
                .dependency("spec\\.template\\.metadata\\.labels\\[.*\\]", Role.LABEL, null)
                .podSpecAt(POD_TEMPLATE);
    }

    private static ResourceKind ns(String kind, String resource, Api api) {
        return declare(kind, resource, api, true);
    }

    private static ResourceKind cluster(String kind, String resource, Api api) {
        return declare(kind, resource, api, false);
    }

    /** Stored as protobuf under its resource name until said otherwise. */
    private static ResourceKind declare(String kind, String resource, Api api, boolean namespaced) {
        return new ResourceKind(kind, resource, List.of(), api.version(), resource, namespaced, api.protoPackage() + "." + kind,
                ResourceKind.Pods.NONE, null, List.of());
    }
}
