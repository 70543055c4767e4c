package dev.mutineer.injector.inflight;

import dev.mutineer.injector.fault.InflightFault;

import java.util.Map;

/** Watch events lost: the API server never hears of those changes. */
public final class DropWatchEvents extends InflightFault {

    public DropWatchEvents() {
        super("drop-watch-events", "Watch events lost: the API server never hears of those changes.", Channel.WATCH);
    }

    @Override
    protected Action action(Map<String, String> parameters, long seed) {
        return new Action.DropWatchEvents();
    }
}
