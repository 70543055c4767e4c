package dev.mutineer.classifier.observation;

import java.util.List;
import java.util.Map;

/**
 * One Service at one sample: its ready endpoints (from EndpointSlices) against the ready pods its selector matches.
 *
 * @param selector           the stored selector; null for a Service without one (no endpoints are managed)
 * @param readyEndpoints     endpoints whose condition ready is true (or unset)
 * @param selectedReadyPods  pods matching the selector that are Ready and not being deleted
 * @param missing            names of selected ready pods that no ready endpoint points to
 * @param extra              pod names of ready endpoints that are not selected ready pods
 */
public record ServiceStatus(String namespace, String name, Map<String, String> selector,
                            int readyEndpoints, int selectedReadyPods, List<String> missing, List<String> extra) {

    public ServiceStatus {
        missing = List.copyOf(missing);
        extra = List.copyOf(extra);
    }

    public String key() {
        return "Service/" + namespace + "/" + name;
    }

    public boolean agrees() {
        return missing.isEmpty() && extra.isEmpty();
    }
}
