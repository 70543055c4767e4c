package dev.mutineer.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mutineer.cluster.Cluster;
import dev.mutineer.cluster.ClusterConfig;
import dev.mutineer.cluster.Clusters;
import dev.mutineer.cluster.kind.KindCluster;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The cluster a campaign (or one of its variants) runs on.
 *
 * @param kubernetesVersion "1.36" or "1.36.3"; empty means the version the backend provides
 *                          (local: versions.properties; kind: the newest kindest/node image known)
 * @param realNodes         local backend: real nodes (kubelet, containerd, kube-proxy) beside the kwok nodes, 0 by default
 * @param realNodesFallback what to do where real nodes cannot run: fail (the default) or run kwok-only
 */
public record ClusterSpec(Backend backend, int nodes, Optional<String> kubernetesVersion, Map<String, Boolean> featureGates,
                          int realNodes, RealNodesFallback realNodesFallback) {

    public static final int DEFAULT_NODES = 3;
    public static final ClusterSpec DEFAULT = new ClusterSpec(Backend.LOCAL, DEFAULT_NODES, Optional.empty(), Map.of());

    public ClusterSpec {
        featureGates = featureGates == null ? Map.of() : new TreeMap<>(featureGates);
        realNodesFallback = realNodesFallback == null ? RealNodesFallback.FAIL : realNodesFallback;
    }

    /** A cluster with real nodes that fails where they cannot run. */
    public ClusterSpec(Backend backend, int nodes, Optional<String> kubernetesVersion, Map<String, Boolean> featureGates,
                       int realNodes) {
        this(backend, nodes, kubernetesVersion, featureGates, realNodes, RealNodesFallback.FAIL);
    }

    /** A cluster of kwok nodes only. */
    public ClusterSpec(Backend backend, int nodes, Optional<String> kubernetesVersion, Map<String, Boolean> featureGates) {
        this(backend, nodes, kubernetesVersion, featureGates, 0);
    }

    @JsonCreator
    static ClusterSpec fromYaml(@JsonProperty("backend") Backend backend,
                                @JsonProperty("nodes") Integer nodes,
                                @JsonProperty("kubernetesVersion") String kubernetesVersion,
                                @JsonProperty("featureGates") Map<String, Boolean> featureGates,
                                @JsonProperty("realNodes") Integer realNodes,
                                @JsonProperty("realNodesFallback") RealNodesFallback realNodesFallback) {
        return new ClusterSpec(backend == null ? Backend.LOCAL : backend,
                nodes == null ? DEFAULT_NODES : nodes,
                Optional.ofNullable(kubernetesVersion), featureGates, realNodes == null ? 0 : realNodes, realNodesFallback);
    }

    /** The same cluster on its kwok nodes only: what a campaign runs when it falls back (see {@link RealNodesFallback}). */
    public ClusterSpec kwokOnly() {
        return new ClusterSpec(backend, nodes, kubernetesVersion, featureGates, 0, realNodesFallback);
    }

    /**
     * A configured, not yet started cluster for this spec (start it with {@link Cluster#start}).
     * Unlike {@link #toClusterConfig} it honours kubernetesVersion, which only the kind backend can vary.
     */
    public Cluster newCluster(Optional<Path> workDir, boolean keepWorkDir) {
        ClusterConfig config = toClusterConfig(workDir, keepWorkDir);
        if (backend == Backend.KIND && kubernetesVersion.isPresent()) {
            return KindCluster.from(config).withKubernetesVersion(kubernetesVersion.get());
        }
        return Clusters.create(config);
    }

    /** The backend-independent configuration k8s-cluster starts clusters from. */
    public ClusterConfig toClusterConfig(Optional<Path> workDir, boolean keepWorkDir) {
        return new ClusterConfig(backend.label(), nodes, featureGates, workDir, keepWorkDir, realNodes);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(backend.label()).append(", ").append(nodes).append(nodes == 1 ? " node" : " nodes");
        if (realNodes > 0) {
            sb.append(" + ").append(realNodes).append(realNodes == 1 ? " real node" : " real nodes");
        }
        kubernetesVersion.ifPresent(v -> sb.append(", Kubernetes ").append(v));
        if (!featureGates.isEmpty()) {
            sb.append(", gates ").append(featureGates);
        }
        return sb.toString();
    }
}
