package dev.mutineer.injector.inflight;

import dev.mutineer.injector.fault.InflightFault;

import java.util.Map;

/** Watch events (and progress notifications) held until the rule ends. */
public final class HoldWatch extends InflightFault {

    public HoldWatch() {
        super("hold-watch", "Watch events (and progress notifications) held until the rule ends.", Channel.WATCH);
    }

    @Override
    protected Action action(Map<String, String> parameters, long seed) {
        return new Action.HoldWatch();
    }
}
