package dev.mutineer.classifier.observe;

import dev.mutineer.classifier.observation.HistoryEvent;
import dev.mutineer.classifier.observation.HistoryEvent.Change;
import dev.mutineer.classifier.observation.HistoryEvent.Owner;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Reduces a watched object to the compact {@link HistoryEvent} the history rules read. Pure. */
final class HistoryDigest {

    private HistoryDigest() {
    }

    static HistoryEvent of(Change type, String kind, HasMetadata object) {
        ObjectMeta m = object.getMetadata() == null ? new ObjectMeta() : object.getMetadata();
        return new HistoryEvent(0, type, kind, m.getNamespace(), m.getName(), m.getUid(),
                m.getResourceVersion(), controller(m.getOwnerReferences()), state(object));
    }

    static Owner controller(List<OwnerReference> refs) {
        if (refs == null) {
            return null;
        }
        return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst()
                .map(r -> new Owner(r.getKind(), r.getName(), r.getUid())).orElse(null);
    }

    private static Map<String, String> state(HasMetadata object) {
        Map<String, String> s = new LinkedHashMap<>();
        if (object instanceof Pod p) {
            if (p.getStatus() != null) {
                put(s, "phase", p.getStatus().getPhase());
                put(s, "ready", ready(p.getStatus().getConditions()));
            }
            if (p.getSpec() != null) {
                put(s, "node", p.getSpec().getNodeName());
            }
            if (p.getMetadata().getLabels() != null) {
                Map<String, String> labels = p.getMetadata().getLabels();
                put(s, "app", labels.getOrDefault("app", labels.get("app.kubernetes.io/name")));
            }
            if (p.getMetadata().getDeletionTimestamp() != null) {
                s.put("terminating", "true");
            }
        } else if (object instanceof Deployment d) {
            put(s, "replicas", d.getSpec() == null ? null : d.getSpec().getReplicas());
            put(s, "ready", d.getStatus() == null ? null : d.getStatus().getReadyReplicas());
        } else if (object instanceof ReplicaSet r) {
            put(s, "replicas", r.getSpec() == null ? null : r.getSpec().getReplicas());
            put(s, "ready", r.getStatus() == null ? null : r.getStatus().getReadyReplicas());
        } else if (object instanceof StatefulSet st) {
            put(s, "replicas", st.getSpec() == null ? null : st.getSpec().getReplicas());
            put(s, "ready", st.getStatus() == null ? null : st.getStatus().getReadyReplicas());
        } else if (object instanceof DaemonSet ds && ds.getStatus() != null) {
            put(s, "replicas", ds.getStatus().getDesiredNumberScheduled());
            put(s, "ready", ds.getStatus().getNumberReady());
        } else if (object instanceof Service svc && svc.getSpec() != null && svc.getSpec().getSelector() != null) {
            put(s, "selector", new TreeMap<>(svc.getSpec().getSelector()).entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")));
        } else if (object instanceof EndpointSlice es) {
            if (es.getMetadata().getLabels() != null) {
                put(s, "service", es.getMetadata().getLabels().get("kubernetes.io/service-name"));
            }
            if (es.getEndpoints() != null) {
                put(s, "endpoints", es.getEndpoints().stream().map(HistoryDigest::endpoint).sorted()
                        .collect(Collectors.joining(",")));
            }
        } else if (object instanceof ControllerRevision cr) {
            put(s, "revision", cr.getRevision());
        } else if (object instanceof Event ev) {
            put(s, "type", ev.getType());
            put(s, "reason", ev.getReason());
            if (ev.getInvolvedObject() != null) {
                put(s, "object", ev.getInvolvedObject().getKind() + "/" + ev.getInvolvedObject().getName());
            }
            put(s, "count", ev.getCount());
        } else if (object instanceof Node n && n.getStatus() != null && n.getStatus().getConditions() != null) {
            n.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst()
                    .ifPresent(c -> s.put("ready", String.valueOf("True".equals(c.getStatus()))));
        }
        return s;
    }

    /** "pod:1" for a ready endpoint, "pod:0" otherwise (EndpointSlice semantics: unset ready counts as ready,
     *  a terminating endpoint is not ready), the pod named by its targetRef or else its first address. */
    static String endpoint(Endpoint e) {
        String who = e.getTargetRef() != null && e.getTargetRef().getName() != null ? e.getTargetRef().getName()
                : e.getAddresses() == null || e.getAddresses().isEmpty() ? "?" : e.getAddresses().get(0);
        boolean ready = e.getConditions() == null
                || (!Boolean.FALSE.equals(e.getConditions().getReady()) && !Boolean.TRUE.equals(e.getConditions().getTerminating()));
        return who + ":" + (ready ? "1" : "0");
    }

    private static String ready(List<PodCondition> conditions) {
        if (conditions == null) {
            return null;
        }
        return conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst()
                .map(c -> String.valueOf("True".equals(c.getStatus()))).orElse(null);
    }

    private static void put(Map<String, String> s, String key, Object value) {
        if (value != null) {
            s.put(key, Objects.toString(value));
        }
    }
}
