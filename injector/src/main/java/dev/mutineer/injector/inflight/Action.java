package dev.mutineer.injector.inflight;

import io.grpc.Status;

import java.time.Duration;
import java.util.Map;

/** What a rule does to a request it acts on. */
public sealed interface Action {

    /** Changes the value being written with an injector operator ("bit-flip", "value", ...). */
    record MutateValue(String operator, Map<String, String> parameters, long seed) implements Action {
        public MutateValue {
            parameters = Map.copyOf(parameters);
        }
    }

    /** Answers a write with success without passing it on: a lost update. */
    record DropWrite() implements Action {
    }

    /** Answers a request with an error status without passing it on. */
    record Fail(Status.Code code, String message) implements Action {
    }

    /** Holds a request this long before passing it on. */
    record AddLatency(Duration delay) implements Action {
    }

    /**
     * Holds back the watch responses carrying matching events (and everything after them on the
     * same watch, progress notifications included) for this long each.
     */
    record DelayWatch(Duration delay) implements Action {
    }

    /** Like DelayWatch, but until the rule is cleared or its window ends. */
    record HoldWatch() implements Action {
    }

    /** Removes matching events from watch responses: the API server never hears of those changes. */
    record DropWatchEvents() implements Action {
    }

    /** Sends watch responses with matching events twice. */
    record DuplicateWatchEvents() implements Action {
    }

    /** Collects this many watch responses with matching events and sends them in reverse order. */
    record ReorderWatchEvents(int batch) implements Action {
        public ReorderWatchEvents {
            if (batch < 2) {
                throw new IllegalArgumentException("reordering needs a batch of at least 2, got " + batch);
            }
        }
    }

    default boolean onWatch() {
        return this instanceof DelayWatch || this instanceof HoldWatch || this instanceof DropWatchEvents
                || this instanceof DuplicateWatchEvents || this instanceof ReorderWatchEvents;
    }
}
