package dev.mutineer.cluster;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a campaign or the CLI asks of a cluster, independent of backend.
 *
 * @param backend           "local" (default) or "kind"
 * @param nodes             simulated (local) or real (kind) worker nodes
 * @param featureGates      passed to every control-plane component, e.g. StaleControllerConsistencyReplicaSet=false
 * @param workDir           parent directory for the cluster's files; empty means a temp directory
 * @param keepWorkDir       keep logs and data after close()
 * @param realNodes         local backend: real nodes (kubelet, containerd, kube-proxy) beside the simulated ones
 */
public record ClusterConfig(String backend, int nodes, Map<String, Boolean> featureGates,
                            Optional<Path> workDir, boolean keepWorkDir, int realNodes) {

    public static final String LOCAL = "local";
    public static final String KIND = "kind";

    public ClusterConfig {
        if (!LOCAL.equals(backend) && !KIND.equals(backend)) {
            throw new IllegalArgumentException("unknown backend '" + backend + "'; expected local or kind");
        }
        if (nodes < 1 || nodes > 5000) {
            throw new IllegalArgumentException("nodes must be between 1 and 5000, got " + nodes);
        }
        if (realNodes < 0) {
            throw new IllegalArgumentException("realNodes must not be negative, got " + realNodes);
        }
        featureGates = Map.copyOf(new TreeMap<>(featureGates));
    }

    /** A configuration without real nodes. */
    public ClusterConfig(String backend, int nodes, Map<String, Boolean> featureGates, Optional<Path> workDir, boolean keepWorkDir) {
        this(backend, nodes, featureGates, workDir, keepWorkDir, 0);
    }

    public static ClusterConfig local(int nodes) {
        return new ClusterConfig(LOCAL, nodes, Map.of(), Optional.empty(), false);
    }

    /** "A=true,B=false" in sorted order, or "" when no gate is set. */
    public String featureGatesFlag() {
        return featureGatesFlag(featureGates);
    }

    public static String featureGatesFlag(Map<String, Boolean> gates) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(gates).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }
}
