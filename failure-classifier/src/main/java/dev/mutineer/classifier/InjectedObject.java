package dev.mutineer.classifier;

/**
 * The object an injection corrupted. {@code namespace} is empty for cluster-scoped kinds (Node).
 * Used to tell damage to the target's own workload from damage beyond it.
 */
public record InjectedObject(String kind, String namespace, String name) {

    public InjectedObject {
        namespace = namespace == null ? "" : namespace;
    }

    /** "Kind/namespace/name", the same key format as {@link dev.mutineer.classifier.observation.WorkloadStatus#key()}. */
    public String key() {
        return kind + "/" + namespace + "/" + name;
    }
}
