package dev.mutineer.injector.fault;

import dev.mutineer.cluster.ComponentControl;
import dev.mutineer.injector.inflight.EtcdInterposer;
import dev.mutineer.injector.inject.AtRestInjector;
import dev.mutineer.injector.inject.EtcdStore;

import java.util.Map;
import java.util.Optional;

/**
 * What a fault needs to act on one cluster, for one injection.
 *
 * @param atRest           writes stored values (at-rest faults)
 * @param store            the cluster's etcd
 * @param prefix           the key prefix ("/registry")
 * @param interposer       the relay between the API server and etcd, when the cluster has one (in-flight faults)
 * @param components       the control-plane processes (component faults)
 * @param timers           this injection's timers: they end with it
 * @param replayParameters parameters of a recorded injection applied over the spec's (see
 *                         {@link dev.mutineer.injector.inject.FaultEvidence#replayParameters})
 */
public record FaultContext(AtRestInjector atRest, EtcdStore store, String prefix, Optional<EtcdInterposer> interposer,
                           ComponentControl components, InjectionTimers timers, Map<String, String> replayParameters) {

    public FaultContext {
        replayParameters = Map.copyOf(replayParameters);
    }
}
