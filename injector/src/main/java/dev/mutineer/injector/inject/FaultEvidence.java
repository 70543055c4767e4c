package dev.mutineer.injector.inject;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exactly what one injection did.
 *
 * @param id               the spec's ID
 * @param key              the etcd key written (empty when no target was found)
 * @param activation        INJECTED or NOT_ACTIVATED
 * @param reason           why not activated; empty when injected
 * @param modRevisionBefore the key's mod revision the mutation was computed from (0: none read)
 * @param revisionAfter    etcd's revision after the write (the object's new resourceVersion); 0 when not written
 * @param fieldPath        the field aimed at, or "" for meaning-blind changes
 * @param oldValue         that field's value before (or the raw byte before, for bit flips)
 * @param newValue         after
 * @param changes          every decoded field that differs (empty when the new value does not decode)
 * @param decodesAfter     whether the API server can decode the new value
 * @param decodeError      why it cannot; empty when it can
 * @param jsonServableAfter whether the API server can also write the new value as JSON (false:
 *                         broken managedFields JSON; JSON clients get 500 while protobuf clients read it)
 * @param byteDiff         the raw byte changes
 * @param attempts         read-mutate-write attempts made (more than 1 when the object moved meanwhile)
 * @param injectedAt       when the write succeeded (or the attempt ended)
 * @param description      the operator's one-line account
 * @param replayParameters the operator parameters that repeat this change on another copy of the object (see
 *                         {@link dev.mutineer.injector.operator.Mutation#replayParameters}); `reproduce` applies
 *                         them over the spec's
 */
public record FaultEvidence(String id, String key, Activation activation, String reason, long modRevisionBefore, long revisionAfter,
                              String fieldPath, String oldValue, String newValue, List<FieldChange> changes,
                              boolean decodesAfter, String decodeError, boolean jsonServableAfter, ByteDiff byteDiff, int attempts,
                              Instant injectedAt, String description, Map<String, String> replayParameters) {

    public FaultEvidence {
        changes = List.copyOf(changes);
        replayParameters = replayParameters == null ? Map.of() : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(replayParameters));
    }

    /** A record without replay parameters (in-flight and component faults, injections that did not happen). */
    public FaultEvidence(String id, String key, Activation activation, String reason, long modRevisionBefore, long revisionAfter,
                           String fieldPath, String oldValue, String newValue, List<FieldChange> changes,
                           boolean decodesAfter, String decodeError, boolean jsonServableAfter, ByteDiff byteDiff, int attempts,
                           Instant injectedAt, String description) {
        this(id, key, activation, reason, modRevisionBefore, revisionAfter, fieldPath, oldValue, newValue, changes, decodesAfter,
                decodeError, jsonServableAfter, byteDiff, attempts, injectedAt, description, Map.of());
    }

    static FaultEvidence notActivated(String id, String key, long modRevision, int attempts, String reason) {
        return new FaultEvidence(id, key, Activation.NOT_ACTIVATED, reason, modRevision, 0, "", "", "", List.of(),
                false, "", false, null, attempts, Instant.now(), "");
    }

    public boolean injected() {
        return activation == Activation.INJECTED;
    }
}
