package dev.mutineer.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.mutineer.cluster.traffic.TrafficTarget;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The campaign's client: requests sent at a steady rate to the workload's entry Service, from inside the cluster,
 * during the golden runs and every observation (clusters with real nodes only: a kwok node serves nothing).
 *
 * @param service  "namespace/name" of the entry Service
 * @param port     the Service port; 0 means the Service's first port
 * @param path     the HTTP path
 * @param rate     requests per second
 * @param timeout  how long a request may take before it counts as a timeout
 * @param hops     the workload expected to answer at each hop, entry first (e.g. [frontend, backend])
 */
public record TrafficSpec(String service, int port, String path, int rate, Duration timeout, List<String> hops) {

    public static final int MAX_RATE = 200;
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);

    public TrafficSpec {
        hops = hops == null ? List.of() : hops.stream().map(s -> Objects.requireNonNullElse(s, "")).toList();
    }

    @JsonCreator
    static TrafficSpec fromYaml(@JsonProperty("service") String service,
                                @JsonProperty("port") Integer port,
                                @JsonProperty("path") String path,
                                @JsonProperty("rate") Integer rate,
                                @JsonProperty("timeout") @JsonDeserialize(using = Durations.Deserializer.class) Duration timeout,
                                @JsonProperty("hops") List<String> hops) {
        return new TrafficSpec(service, port == null ? 0 : port, path == null ? "/" : path,
                rate == null ? TrafficTarget.DEFAULT_RATE : rate,
                timeout == null ? TrafficTarget.DEFAULT_TIMEOUT : timeout, hops);
    }

    /** The Service's namespace (the part before '/'). */
    public String namespace() {
        return service.substring(0, service.indexOf('/'));
    }

    /** The Service's name (the part after '/'). */
    public String serviceName() {
        return service.substring(service.indexOf('/') + 1);
    }

    /** What the generator sends to, once the port is known (the Service's first one when {@link #port} is 0). */
    public TrafficTarget target(int servicePort) {
        return new TrafficTarget(namespace(), serviceName(), servicePort, path, rate, timeout, hops);
    }

    @Override
    public String toString() {
        return rate + "/s to " + service + (port == 0 ? "" : ":" + port) + path
                + (hops.isEmpty() ? "" : " answered by " + String.join(" -> ", hops));
    }
}
