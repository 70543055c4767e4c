package dev.mutineer.injector.inflight;

import dev.mutineer.injector.fault.InflightFault;
import dev.mutineer.injector.fault.Durations;
import dev.mutineer.injector.fault.Parameter;
import dev.mutineer.injector.fault.ParameterType;

import java.util.List;
import java.util.Set;
import java.util.Map;

/** Added latency on chosen etcd methods. */
public final class Latency extends InflightFault {

    public Latency() {
        super("latency", "Added latency on chosen etcd methods.", Channel.REQUESTS);
    }

    @Override
    protected List<Parameter> own() {
        return List.of(
                Parameter.fixed("delay", "how long each matching request is held (required)", ParameterType.DURATION),
                Parameter.fixed("methods", "etcd methods, comma-separated (default KV/Range,KV/Txn)", ParameterType.TEXT));
    }

    @Override
    protected Set<String> required() {
        return Set.of("delay");
    }

    @Override
    protected Selector selector(String prefix, Map<String, String> parameters) {
        return new Selector(Set.of(parameters.getOrDefault("methods", "KV/Range,KV/Txn").split("\\s*,\\s*")), prefix);
    }

    @Override
    protected Action action(Map<String, String> parameters, long seed) {
        return new Action.AddLatency(Durations.parse(parameters.get("delay")));
    }
}
