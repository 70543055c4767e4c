package dev.mutineer.classifier.observation;

import dev.mutineer.classifier.observation.HistoryEvent.Change;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Per Service, the states its endpoints went through in a history, with the workload behind each endpoint's pod: what
 * the endpoint and routing rules judge. A state is taken after every EndpointSlice or pod event of the Service's
 * namespace; EndpointSlices are joined per Service by their {@code kubernetes.io/service-name} label. Pure.
 */
public final class EndpointTimeline {

    /** How many owner hops lead from a pod to its workload's root (Pod -> ReplicaSet -> Deployment needs two). */
    private static final int MAX_HOPS = 10;

    private EndpointTimeline() {
    }

    /**
     * The Service's endpoints at one moment.
     *
     * @param t          when (the event's time)
     * @param cause      the event after which this state holds
     * @param endpoints  pod name -> ready, over all the Service's EndpointSlices (ready in any slice counts as ready)
     * @param workloads  pod name -> the root of its controller chain ("Deployment/shop/web"), for every live pod of
     *                   the namespace with a controller; a pod without one is absent
     * @param readyPods  the live, ready, not terminating pods of the namespace
     */
    public record State(long t, HistoryEvent cause, Map<String, Boolean> endpoints, Map<String, String> workloads,
                        Set<String> readyPods) {

        /** The workload roots behind the Service's ready endpoints (pods without a controller left out). */
        public Set<String> readyWorkloads() {
            Set<String> out = new TreeSet<>();
            endpoints.forEach((pod, ready) -> {
                if (ready && workloads.containsKey(pod)) {
                    out.add(workloads.get(pod));
                }
            });
            return out;
        }

        /**
         * The workloads behind the ready endpoints that also have a live ready pod that is not one: a Service that
         * selects only some of a workload's pods, or one whose endpoints lag behind.
         */
        public Set<String> workloadsNotAllServed() {
            Set<String> served = readyWorkloads();
            Set<String> out = new TreeSet<>();
            for (String pod : readyPods) {
                String w = workloads.get(pod);
                if (w != null && served.contains(w) && !Boolean.TRUE.equals(endpoints.get(pod))) {
                    out.add(w);
                }
            }
            return out;
        }
    }

    /**
     * One endpoint that appeared, went, or changed readiness.
     *
     * @param from "ready", "not ready" or "absent"
     * @param to   the same
     */
    public record EndpointChange(long t, String pod, String from, String to) {
        public String describe() {
            return pod + " " + from + "->" + to + " at " + Offset.millis(t);
        }
    }

    /**
     * Per Service key ("Service/shop/web"), its states in time order up to {@code untilMillis}; the first is the state
     * the first listing showed. Services with no EndpointSlice in the history are absent.
     */
    public static Map<String, List<State>> of(List<HistoryEvent> history, long untilMillis) {
        Map<String, Map<String, String>> sliceEndpoints = new HashMap<>(); // slice uid -> its "endpoints" state
        Map<String, String> sliceService = new HashMap<>();                // slice uid -> Service key
        Map<String, HistoryEvent> objects = new HashMap<>();               // object key -> its latest event, live ones
        Map<String, List<State>> out = new TreeMap<>();
        int i = 0;
        while (i < history.size() && history.get(i).t() <= untilMillis) {
            // LISTED events of one time are one listing (the history's start folds what its lists saw into one): the
            // states are taken once it is all in. Taken event by event, a slice listed before the ReplicaSets of its
            // pods found no owner for them, and their workload was the ReplicaSet, not its Deployment.
            int end = i + 1;
            if (history.get(i).type() == Change.LISTED) {
                while (end < history.size() && history.get(end).type() == Change.LISTED
                        && history.get(end).t() == history.get(i).t()) {
                    end++;
                }
            }
            Map<String, HistoryEvent> causes = new TreeMap<>(); // Service key -> the event its new state is due to
            Map<String, HistoryEvent> podCauses = new TreeMap<>(); // namespace -> its last pod event
            for (HistoryEvent e : history.subList(i, end)) {
                if (e.type() == Change.DELETED) {
                    objects.remove(e.key());
                } else {
                    objects.put(e.key(), e);
                }
                if ("EndpointSlice".equals(e.kind()) && e.uid() != null && e.state().containsKey("service")) {
                    String service = "Service/" + e.namespace() + "/" + e.state().get("service");
                    sliceService.put(e.uid(), service);
                    if (e.type() == Change.DELETED) {
                        sliceEndpoints.remove(e.uid());
                    } else {
                        sliceEndpoints.put(e.uid(), parse(e.state().get("endpoints")));
                    }
                    out.computeIfAbsent(service, k -> new ArrayList<>());
                    causes.put(service, e);
                } else if ("Pod".equals(e.kind())) {
                    podCauses.put(e.namespace(), e);
                }
            }
            podCauses.forEach((namespace, pod) -> out.keySet().stream()
                    .filter(service -> service.startsWith("Service/" + namespace + "/"))
                    .forEach(service -> causes.putIfAbsent(service, pod)));
            causes.forEach((service, cause) -> out.get(service).add(state(cause, service, sliceService, sliceEndpoints, objects)));
            i = end;
        }
        return out;
    }

    /** The endpoint changes between consecutive states of one Service (readiness, appearance, disappearance). */
    public static List<EndpointChange> changes(List<State> states) {
        List<EndpointChange> out = new ArrayList<>();
        for (int i = 1; i < states.size(); i++) {
            Map<String, Boolean> before = states.get(i - 1).endpoints();
            Map<String, Boolean> after = states.get(i).endpoints();
            Set<String> pods = new TreeSet<>(before.keySet());
            pods.addAll(after.keySet());
            for (String pod : pods) {
                String from = readiness(before.get(pod));
                String to = readiness(after.get(pod));
                if (!from.equals(to)) {
                    out.add(new EndpointChange(states.get(i).t(), pod, from, to));
                }
            }
        }
        return out;
    }

    private static String readiness(Boolean ready) {
        return ready == null ? "absent" : ready ? "ready" : "not ready";
    }

    private static State state(HistoryEvent cause, String service, Map<String, String> sliceService,
                               Map<String, Map<String, String>> sliceEndpoints, Map<String, HistoryEvent> objects) {
        Map<String, Boolean> endpoints = new TreeMap<>();
        sliceEndpoints.forEach((uid, eps) -> {
            if (service.equals(sliceService.get(uid))) {
                eps.forEach((pod, ready) -> endpoints.merge(pod, "1".equals(ready), Boolean::logicalOr));
            }
        });
        String namespace = service.split("/", 3)[1];
        Map<String, String> workloads = new TreeMap<>();
        Set<String> readyPods = new TreeSet<>();
        for (HistoryEvent o : objects.values()) {
            if (!"Pod".equals(o.kind()) || !namespace.equals(o.namespace())) {
                continue;
            }
            String root = root(o, objects);
            if (root != null) {
                workloads.put(o.name(), root);
            }
            if ("true".equals(o.state().get("ready")) && !o.state().containsKey("terminating")) {
                readyPods.add(o.name());
            }
        }
        return new State(cause.t(), cause, endpoints, workloads, readyPods);
    }

    /**
     * The root of an object's controller chain among the live objects; null when it has no controller or the chain
     * breaks at an owner that is not live under its name and uid (an orphan belongs to no workload: the orphan rules
     * judge it). An owner of a kind the history does not watch (a Job's CronJob) ends the chain as the root.
     */
    static String root(HistoryEvent object, Map<String, HistoryEvent> objects) {
        HistoryEvent current = object;
        for (int hop = 0; hop < MAX_HOPS && current.owner() != null; hop++) {
            HistoryEvent owner = objects.get(current.ownerKey());
            if (owner == null) {
                String ownerKind = current.owner().kind();
                boolean watched = objects.values().stream().anyMatch(o -> o.kind().equals(ownerKind));
                return watched ? null : current.ownerKey();
            }
            if (!Objects.equals(owner.uid(), current.owner().uid())) {
                return null;
            }
            current = owner;
        }
        return current == object ? null : current.key();
    }

    /** "web-1:1,web-2:0" -> {web-1=1, web-2=0}; a pod name may hold ':' only before the last one. */
    private static Map<String, String> parse(String endpoints) {
        Map<String, String> out = new TreeMap<>();
        if (endpoints == null || endpoints.isEmpty()) {
            return out;
        }
        for (String e : endpoints.split(",")) {
            int colon = e.lastIndexOf(':');
            if (colon > 0) {
                out.put(e.substring(0, colon), e.substring(colon + 1));
            }
        }
        return out;
    }
}
