package dev.mutineer.classifier.observe;

import java.time.Duration;
import java.util.List;

/**
 * How to watch a cluster.
 *
 * @param interval        time between the starts of two samples
 * @param window          how long to watch; samples are taken at 0, interval, 2*interval, ... up to window
 * @param namespaces      namespaces whose workloads, pods, Services and events to watch; empty means all
 * @param requestTimeout  per request; kept short so a dead API server costs a sample little time
 */
public record ObserverConfig(Duration interval, Duration window, List<String> namespaces, Duration requestTimeout) {

    public ObserverConfig {
        namespaces = List.copyOf(namespaces);
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("observation interval must be positive, got " + interval);
        }
        if (window.isNegative()) {
            throw new IllegalArgumentException("observation window must not be negative, got " + window);
        }
    }

    /**
     * One sample a second over all namespaces, 5 s per request: on a loaded 2-core machine a healthy API server
     * has been seen to take over 2 s for the first requests of an observation (fresh TLS connections).
     */
    public static ObserverConfig of(Duration window) {
        return new ObserverConfig(Duration.ofSeconds(1), window, List.of(), Duration.ofSeconds(5));
    }

    public ObserverConfig withInterval(Duration newInterval) {
        return new ObserverConfig(newInterval, window, namespaces, requestTimeout);
    }

    public ObserverConfig withNamespaces(List<String> newNamespaces) {
        return new ObserverConfig(interval, window, newNamespaces, requestTimeout);
    }
}
