package dev.mutineer.injector.inflight;

import dev.mutineer.injector.fault.InflightFault;
import dev.mutineer.injector.fault.Parameter;
import dev.mutineer.injector.fault.ParameterType;

import java.util.List;
import java.util.Map;

/** Watch events delivered out of order within a batch. */
public final class ReorderWatchEvents extends InflightFault {

    public ReorderWatchEvents() {
        super("reorder-watch-events", "Watch events delivered out of order within a batch.", Channel.WATCH);
    }

    @Override
    protected List<Parameter> own() {
        return List.of(Parameter.fixed("batch", "how many watch responses are collected and sent in reverse (default 2)",
                ParameterType.atLeast(2)));
    }

    @Override
    protected Action action(Map<String, String> parameters, long seed) {
        return new Action.ReorderWatchEvents(Integer.parseInt(parameters.getOrDefault("batch", "2").trim()));
    }
}
