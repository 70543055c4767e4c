package dev.mutineer.campaign.job;

/**
 * CPU and memory of one shard's pod, in Kubernetes quantity syntax. The one place these figures live.
 *
 * <p>Issue 12 measured one kwok-only local cluster under observation at about 5% of a core (etcd, API server,
 * controllers and kwok together, during a 30 s window) plus about 6% for the runner's sampling, and about 550 MiB.
 * The requests leave room above that for cluster start and resets (which burst to a full core for a few seconds)
 * so the scheduler packs about four shards per 1-core-equivalent without starving them; the limits allow those
 * bursts and the JVM's heap growth, and stay below what would let one shard crowd out its neighbours.
 */
public record PodResources(String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {

    /** Requests about twice the measured 11% of a core and 550 MiB; limits allow the start-up and reset bursts. */
    public static final PodResources PER_SHARD = new PodResources("250m", "768Mi", "1", "1536Mi");
}
