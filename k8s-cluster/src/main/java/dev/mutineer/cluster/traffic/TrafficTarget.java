package dev.mutineer.cluster.traffic;

import java.time.Duration;
import java.util.List;

/**
 * What the traffic generator sends requests to: a Service's ClusterIP and port, reached through kube-proxy from
 * inside the cluster's network namespace.
 *
 * @param namespace         the Service's namespace
 * @param service           the Service's name (the entry point of the workload, e.g. the shop's frontend)
 * @param port              the Service port
 * @param path              the HTTP path, starting with '/'
 * @param ratePerSecond     requests per second, sent at a steady pace (not in bursts)
 * @param timeout           how long one request may take before it counts as a TIMEOUT
 * @param expectedWorkloads the workload expected to answer at each hop, in order (frontend first): an answer
 *                          whose hop names another workload is a WRONG_WORKLOAD
 */
public record TrafficTarget(String namespace, String service, int port, String path, int ratePerSecond,
                            Duration timeout, List<String> expectedWorkloads) {

    public static final int DEFAULT_RATE = 20;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    public TrafficTarget {
        expectedWorkloads = List.copyOf(expectedWorkloads);
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("traffic rate must be at least 1 request per second, not " + ratePerSecond);
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("traffic path must start with '/', not '" + path + "'");
        }
    }
}
