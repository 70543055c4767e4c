package dev.mutineer.campaign.scenario;

/**
 * The workload's pods at one moment, counted twice.
 *
 * @param atMillis   since the pod watch was held
 * @param phase      the scenario's phase then ("steady", "held", "triggered", "released")
 * @param inEtcd     keys under the workload's pod prefix in etcd: what the controller really created
 * @param inApiCache pods the API server's watch cache lists (resourceVersion=0, as informers list): what the
 *                   controllers see; -1 when the API server did not answer
 */
public record PodCountSample(long atMillis, String phase, long inEtcd, long inApiCache) {
}
