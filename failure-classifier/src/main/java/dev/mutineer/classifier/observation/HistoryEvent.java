package dev.mutineer.classifier.observation;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;
import java.util.TreeMap;

/**
 * One change of an object the rules look at, as a watch on the API server delivered it (or, for {@link Change#LISTED},
 * as the list the watch started from showed it). Only the fields the history rules use are kept, so that the
 * history stays small enough to go into the journal with every record.
 *
 * @param t               milliseconds since the observation's first sample (the samples' time base); negative for
 *                        what the list before the first sample showed
 * @param type            what happened to the object
 * @param kind            "Pod", "ReplicaSet", "EndpointSlice", ...
 * @param namespace       null for cluster-scoped objects (nodes)
 * @param uid             the object's uid: a pod deleted and recreated under the same name has a new one
 * @param resourceVersion the object's resourceVersion after the change (etcd's mod revision)
 * @param owner           the controlling owner reference; null when there is none
 * @param state           kind-specific fields: a pod's phase, ready, node and app label; a workload's replicas and
 *                        ready; an EndpointSlice's service and endpoints ("pod:1,pod:0", 1 = ready); a Service's
 *                        selector; a node's ready
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record HistoryEvent(long t, Change type, String kind, String namespace, String name, String uid,
                           String resourceVersion, Owner owner, Map<String, String> state) {

    public HistoryEvent {
        state = state == null ? Map.of() : new TreeMap<>(state);
    }

    /** The change a watch reports; LISTED is an object present when the watch started (or restarted). */
    public enum Change {
        LISTED, ADDED, MODIFIED, DELETED
    }

    /** A controlling owner reference. */
    public record Owner(String kind, String name, String uid) {
        /** "ReplicaSet/web-5d8f" (the owner lives in the object's namespace). */
        public String describe() {
            return kind + "/" + name;
        }
    }

    /** "Pod/default/web-5d8f-x", or "Node/kwok-node-1" for cluster-scoped objects. */
    public String key() {
        return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    }

    /** The key of the controlling owner ("ReplicaSet/default/web-5d8f"); null when there is none. */
    public String ownerKey() {
        return owner == null ? null : namespace == null ? owner.describe() : owner.kind() + "/" + namespace + "/" + owner.name();
    }

    public HistoryEvent at(long millis) {
        return new HistoryEvent(millis, type, kind, namespace, name, uid, resourceVersion, owner, state);
    }
}
