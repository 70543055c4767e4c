package dev.mutineer.injector.operator;

import java.util.Map;

/**
 * What an operator made of a stored value.
 *
 * @param newValue    the bytes to store, or null when the key is to be deleted
 * @param fieldPath   the field aimed at ("spec.nodeName"), or "" for a meaning-blind change
 * @param oldValue    that field's value before (decoded), or a description of the raw bytes
 * @param newValueText that field's value after
 * @param description one line a person reads in the journal: "value zero on spec.replicas"
 * @param replayParameters parameters that make the same change again on a copy of the object laid out differently
 *                    (another cluster's: other UIDs, timestamps, IPs shift the bytes); empty when the spec's own
 *                    parameters and seed already do
 */
public record Mutation(byte[] newValue, String fieldPath, String oldValue, String newValueText, String description,
                       Map<String, String> replayParameters) {

    public Mutation {
        replayParameters = Map.copyOf(replayParameters);
    }

    public Mutation(byte[] newValue, String fieldPath, String oldValue, String newValueText, String description) {
        this(newValue, fieldPath, oldValue, newValueText, description, Map.of());
    }

    public static Mutation delete(String description) {
        return new Mutation(null, "", "", "", description);
    }

    public boolean deletes() {
        return newValue == null;
    }
}
