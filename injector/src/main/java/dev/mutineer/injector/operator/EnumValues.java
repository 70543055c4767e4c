package dev.mutineer.injector.operator;

import dev.mutineer.injector.catalog.FieldPath;

import java.util.List;
import java.util.Map;

/**
 * Kubernetes stores its enums as strings; these are the ones worth swapping, by the last
 * field name (and for the ambiguous "type", by kind), with the values the API accepts.
 */
final class EnumValues {

    private static final Map<String, List<String>> BY_FIELD = Map.ofEntries(
            Map.entry("restartPolicy", List.of("Always", "OnFailure", "Never")),
            Map.entry("imagePullPolicy", List.of("Always", "IfNotPresent", "Never")),
            Map.entry("dnsPolicy", List.of("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None")),
            Map.entry("protocol", List.of("TCP", "UDP", "SCTP")),
            Map.entry("phase", List.of("Pending", "Running", "Succeeded", "Failed", "Unknown")),
            Map.entry("sessionAffinity", List.of("None", "ClientIP")),
            Map.entry("externalTrafficPolicy", List.of("Cluster", "Local")),
            Map.entry("internalTrafficPolicy", List.of("Cluster", "Local")),
            Map.entry("terminationMessagePolicy", List.of("File", "FallbackToLogsOnError")),
            Map.entry("qosClass", List.of("Guaranteed", "Burstable", "BestEffort")),
            Map.entry("preemptionPolicy", List.of("PreemptLowerPriority", "Never")),
            Map.entry("podManagementPolicy", List.of("OrderedReady", "Parallel")),
            Map.entry("addressType", List.of("IPv4", "IPv6", "FQDN")),
            Map.entry("ipFamilyPolicy", List.of("SingleStack", "PreferDualStack", "RequireDualStack")),
            Map.entry("effect", List.of("NoSchedule", "PreferNoSchedule", "NoExecute")),
            Map.entry("operator", List.of("In", "NotIn", "Exists", "DoesNotExist", "Equal")));

    private static final Map<String, List<String>> TYPE_BY_KIND = Map.of(
            "Service", List.of("ClusterIP", "NodePort", "LoadBalancer", "ExternalName"),
            "Deployment", List.of("RollingUpdate", "Recreate"),
            "DaemonSet", List.of("RollingUpdate", "OnDelete"),
            "StatefulSet", List.of("RollingUpdate", "OnDelete"),
            "Secret", List.of("Opaque", "kubernetes.io/service-account-token", "kubernetes.io/dockerconfigjson", "kubernetes.io/tls"));

    /** Condition status values ("True"/"False"/"Unknown") live in fields called "status". */
    private static final List<String> CONDITION_STATUS = List.of("True", "False", "Unknown");

    private EnumValues() {
    }

    static List<String> valuesFor(String kind, FieldPath path, String current) {
        String last = path.last().text();
        if (BY_FIELD.containsKey(last)) {
            return BY_FIELD.get(last);
        }
        if (last.equals("type") && TYPE_BY_KIND.containsKey(kind) && TYPE_BY_KIND.get(kind).contains(current)) {
            return TYPE_BY_KIND.get(kind);
        }
        if (last.equals("status") && CONDITION_STATUS.contains(current)) {
            return CONDITION_STATUS;
        }
        return List.of();
    }
}
