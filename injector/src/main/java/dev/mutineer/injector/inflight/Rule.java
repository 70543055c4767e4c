package dev.mutineer.injector.inflight;

import java.time.Duration;
import java.util.Optional;

/**
 * One in-flight fault: which requests, which of them, what to do, and for how long (empty
 * window: until cleared).
 */
public record Rule(String id, Selector selector, Count count, Action action, Optional<Duration> window) {

    public Rule {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a rule needs an id");
        }
        if (action.onWatch() != selector.methods().equals(java.util.Set.of(EtcdMethods.WATCH))) {
            throw new IllegalArgumentException("rule " + id + ": watch actions go with Selector.watch(...) and only there, got "
                    + action + " on " + selector.methods());
        }
    }

    public static Rule of(String id, Selector selector, Count count, Action action) {
        return new Rule(id, selector, count, action, Optional.empty());
    }

    public Rule activeFor(Duration window) {
        return new Rule(id, selector, count, action, Optional.of(window));
    }
}
