/**
 * Scripted scenarios: a fixed sequence of cluster actions and in-flight faults with a time line,
 * where a campaign's "inject one fault, observe, classify" does not fit.
 *
 * <p>{@link dev.mutineer.campaign.scenario.StaleControllerScenario} reproduces kubernetes#129795:
 * a workload controller whose pod informer lags behind etcd for longer than its 5-minute
 * expectations TTL creates pods it already created. The pod watch from etcd to the API server is
 * held by the in-flight interposer ({@code dev.mutineer.injector.inflight}), the workload scales
 * up, and after the TTL a sync is triggered. KEP-5647's gates
 * ({@code StaleControllerConsistency{ReplicaSet,DaemonSet}}) make the controller wait until its
 * informer has seen its own writes; each case runs with the gate on and off, side by side.
 */
package dev.mutineer.campaign.scenario;
