package dev.mutineer.injector.inflight;

import dev.mutineer.injector.fault.InflightFault;

import java.util.Map;

/** Watch events delivered twice. */
public final class DuplicateWatchEvents extends InflightFault {

    public DuplicateWatchEvents() {
        super("duplicate-watch-events", "Watch events delivered twice.", Channel.WATCH);
    }

    @Override
    protected Action action(Map<String, String> parameters, long seed) {
        return new Action.DuplicateWatchEvents();
    }
}
