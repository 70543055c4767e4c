package dev.mutineer.classifier.observation;

import java.util.Set;

/**
 * One pod at one sample.
 *
 * @param controller  key of the controlling owner ("ReplicaSet/ns/name"), null when no controller reference
 * @param orphan      no controller reference, or one naming a workload that does not exist
 * @param deleting    deletionTimestamp is set
 * @param waiting     the reason a container of the pod is waiting for, as its status gives it (init containers
 *                    first; a reason of {@link #CANNOT_START} before any other); null when no container waits or
 *                    none says why. kwok never sets one; observations recorded before it was sampled have none
 */
public record PodStatus(String namespace, String name, String phase, boolean ready, int restarts,
                        String controller, boolean orphan, String node, boolean deleting, String waiting) {

    /**
     * Waiting reasons kubelet gives a container that cannot start and will not by waiting alone: its image cannot be
     * found or pulled, its configuration cannot be made, or it keeps exiting. ContainerCreating and PodInitializing,
     * the ordinary way to running, are not among them.
     */
    public static final Set<String> CANNOT_START = Set.of(
            "ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull", "InvalidImageName", "ImageInspectError",
            "RegistryUnavailable", "SignatureValidationFailed",
            "CreateContainerConfigError", "CreateContainerError", "PreCreateHookError", "PreStartHookError",
            "PostStartHookError", "RunContainerError", "CrashLoopBackOff");

    /** A pod whose containers were not sampled for waiting reasons (kwok, or a test that does not care). */
    public PodStatus(String namespace, String name, String phase, boolean ready, int restarts,
                     String controller, boolean orphan, String node, boolean deleting) {
        this(namespace, name, phase, ready, restarts, controller, orphan, node, deleting, null);
    }

    /** Neither Succeeded nor Failed: still occupies a slot of its workload. */
    public boolean live() {
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    /**
     * A live pod, not being deleted, with a container waiting for a reason of {@link #CANNOT_START}: a replica its
     * workload asked for and does not get.
     */
    public boolean cannotStart() {
        return live() && !deleting && waiting != null && CANNOT_START.contains(waiting);
    }
}
