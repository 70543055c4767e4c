package dev.mutineer.classifier.observation;

/**
 * One pod at one sample.
 *
 * @param controller  key of the controlling owner ("ReplicaSet/ns/name"), null when no controller reference
 * @param orphan      no controller reference, or one naming a workload that does not exist
 * @param deleting    deletionTimestamp is set
 */
public record PodStatus(String namespace, String name, String phase, boolean ready, int restarts,
                        String controller, boolean orphan, String node, boolean deleting) {

    /** Neither Succeeded nor Failed: still occupies a slot of its workload. */
    public boolean live() {
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }
}
