package dev.mutineer.injector.inflight;

import dev.mutineer.injector.fault.InflightFault;
import dev.mutineer.injector.fault.Durations;
import dev.mutineer.injector.fault.Parameter;
import dev.mutineer.injector.fault.ParameterType;

import java.util.List;
import java.util.Set;
import java.util.Map;

/** Watch events delivered late. */
public final class DelayWatch extends InflightFault {

    public DelayWatch() {
        super("delay-watch", "Watch events delivered late.", Channel.WATCH);
    }

    @Override
    protected List<Parameter> own() {
        return List.of(Parameter.fixed("delay", "how long each matching watch response is held (required)", ParameterType.DURATION));
    }

    @Override
    protected Set<String> required() {
        return Set.of("delay");
    }

    @Override
    protected Action action(Map<String, String> parameters, long seed) {
        return new Action.DelayWatch(Durations.parse(parameters.get("delay")));
    }
}
