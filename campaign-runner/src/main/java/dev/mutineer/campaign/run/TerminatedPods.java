package dev.mutineer.campaign.run;

import dev.mutineer.cluster.node.NodeContainer;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The saved pods of real nodes that their kubelet has terminated or is terminating. A kubelet never runs a pod UID
 * again once it terminated it, until its housekeeping has forgotten the UID (seconds after the pod left the API); a
 * restore that writes such a pod back gets a pod that nothing runs, and its ReplicaSet replaces it. Only a kubelet
 * started afresh runs it, so the reset holds the kubelets down through the restore when this is not empty.
 */
final class TerminatedPods {

    private TerminatedPods() {
    }

    /**
     * @param saved      one container of each pod that ran on a real node when the steady state was saved
     * @param podsNow    the pods in the API now, in the workload's namespaces
     * @param runningNow the containers running on each real node now, by node name
     * @return each saved pod a kubelet terminated, with why, in words; empty when none
     */
    static List<String> of(List<NodeContainer> saved, List<Pod> podsNow, Map<String, List<NodeContainer>> runningNow) {
        Map<String, Pod> byUid = new HashMap<>();
        podsNow.forEach(p -> byUid.put(p.getMetadata().getUid(), p));
        Map<String, Set<String>> runningByNode = new LinkedHashMap<>();
        runningNow.forEach((node, cs) -> runningByNode.put(node,
                cs.stream().filter(c -> !c.sandbox()).map(NodeContainer::podUid).collect(Collectors.toSet())));
        List<String> out = new ArrayList<>();
        for (NodeContainer s : saved) {
            String pod = s.podNamespace() + "/" + s.podName() + " (uid " + s.podUid() + ") on " + s.node();
            Pod now = byUid.get(s.podUid());
            if (now == null) {
                out.add(pod + ": deleted");
            } else if (now.getMetadata().getDeletionTimestamp() != null) {
                out.add(pod + ": being deleted");
            } else if (!runningByNode.getOrDefault(s.node(), Set.of()).contains(s.podUid())) {
                out.add(pod + ": no container running");
            }
        }
        return out;
    }

    /** One running container of each pod (sandboxes aside), from every real node's listing. */
    static List<NodeContainer> onePerPod(Map<String, List<NodeContainer>> running) {
        Map<String, NodeContainer> byUid = new LinkedHashMap<>();
        running.values().forEach(cs -> cs.stream().filter(c -> !c.sandbox()).forEach(c -> byUid.putIfAbsent(c.podUid(), c)));
        return List.copyOf(byUid.values());
    }
}
