package dev.mutineer.campaign.run;

import dev.mutineer.cluster.node.NodeContainer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Whether the pods of real nodes are at rest after a restore, from two sources that can disagree: the pod API (what
 * kubelet reported last, or what the restore wrote back) and each node's container runtime (what runs). At rest:
 * every pod bound to a real node has all its containers running and ready in its status and running on that node,
 * and nothing runs for a pod that is no longer in the API, or on another node than the one it is bound to.
 */
final class RealPods {

    private RealPods() {
    }

    /**
     * What is not at rest, in words; empty when everything is.
     *
     * @param pods       every pod in the API (all namespaces)
     * @param containers the containers running on each real node, by node name (every real node is a key)
     */
    static List<String> notAtRest(List<Pod> pods, Map<String, List<NodeContainer>> containers) {
        List<String> out = new ArrayList<>();
        Map<String, Pod> byUid = new HashMap<>();
        for (Pod p : pods) {
            byUid.put(p.getMetadata().getUid(), p);
        }
        for (Pod p : pods) {
            String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
            if (node != null && containers.containsKey(node) && !completed(p)) {
                podOnRealNode(p, node, containers.get(node)).ifPresent(out::add);
            }
        }
        for (Map.Entry<String, List<NodeContainer>> e : containers.entrySet()) {
            Map<String, List<NodeContainer>> byPod = e.getValue().stream()
                    .collect(Collectors.groupingBy(NodeContainer::podUid, LinkedHashMap::new, Collectors.toList()));
            byPod.forEach((uid, running) -> {
                Pod p = byUid.get(uid);
                NodeContainer any = running.get(0);
                String pod = any.podNamespace() + "/" + any.podName() + " (uid " + uid + ")";
                if (p == null) {
                    out.add("pod " + pod + " is gone from the API but still runs on " + e.getKey() + ": " + names(running));
                } else if (!e.getKey().equals(p.getSpec().getNodeName())) {
                    out.add("pod " + pod + " is bound to " + p.getSpec().getNodeName() + " but still runs on " + e.getKey()
                            + ": " + names(running));
                }
            });
        }
        return out;
    }

    /** A pod whose containers all ran to completion (a Job's) runs nothing by design. */
    private static boolean completed(Pod p) {
        return p.getStatus() != null && "Succeeded".equals(p.getStatus().getPhase());
    }

    private static Optional<String> podOnRealNode(Pod p, String node, List<NodeContainer> onNode) {
        String pod = "pod " + p.getMetadata().getNamespace() + "/" + p.getMetadata().getName() + " on " + node;
        if (p.getMetadata().getDeletionTimestamp() != null) {
            return Optional.of(pod + " is terminating");
        }
        Map<String, ContainerStatus> statuses = new HashMap<>();
        if (p.getStatus() != null && p.getStatus().getContainerStatuses() != null) {
            p.getStatus().getContainerStatuses().forEach(s -> statuses.put(s.getName(), s));
        }
        Set<String> runningHere = onNode.stream().filter(c -> c.podUid().equals(p.getMetadata().getUid()) && !c.sandbox())
                .map(NodeContainer::container).collect(Collectors.toSet());
        List<String> notReady = new ArrayList<>();
        List<String> notRunning = new ArrayList<>();
        for (Container c : p.getSpec().getContainers()) {
            ContainerStatus s = statuses.get(c.getName());
            if (s == null || !Boolean.TRUE.equals(s.getReady()) || s.getState() == null || s.getState().getRunning() == null) {
                notReady.add(c.getName() + waitingReason(s));
            }
            if (!runningHere.contains(c.getName())) {
                notRunning.add(c.getName());
            }
        }
        List<String> why = new ArrayList<>();
        if (!notReady.isEmpty()) {
            why.add("not running and ready in its status: " + String.join(", ", notReady));
        }
        if (!notRunning.isEmpty()) {
            why.add("no running container on the node for " + String.join(", ", notRunning));
        }
        return why.isEmpty() ? Optional.empty() : Optional.of(pod + ": " + String.join("; ", why));
    }

    private static String waitingReason(ContainerStatus s) {
        if (s == null) {
            return " (no status)";
        }
        if (s.getState() != null && s.getState().getWaiting() != null && s.getState().getWaiting().getReason() != null) {
            return " (" + s.getState().getWaiting().getReason() + ")";
        }
        return "";
    }

    private static String names(List<NodeContainer> running) {
        Set<String> names = new TreeSet<>();
        running.forEach(c -> names.add(c.sandbox() ? "its sandbox" : "container " + c.container()));
        return String.join(", ", names);
    }
}
