package dev.mutineer.cluster;

import dev.mutineer.cluster.kind.KindCluster;
import dev.mutineer.cluster.local.LocalCluster;

/** Picks the backend a {@link ClusterConfig} names. */
public final class Clusters {

    private Clusters() {
    }

    /**
     * A configured but not yet started cluster; start it with {@link Cluster#start()}.
     * Separate steps so a caller can register its clean-up (a shutdown hook) before anything runs.
     *
     * @throws IllegalArgumentException when the backend cannot honour the configuration (kind: more than one node)
     */
    public static Cluster create(ClusterConfig config) {
        if (config.realNodes() > 0 && !ClusterConfig.LOCAL.equals(config.backend())) {
            throw new IllegalArgumentException("real nodes need the local backend (kind runs its own node), got backend "
                    + config.backend() + " with realNodes " + config.realNodes());
        }
        return switch (config.backend()) {
            case ClusterConfig.LOCAL -> LocalCluster.from(config);
            case ClusterConfig.KIND -> KindCluster.from(config);
            default -> throw new IllegalArgumentException("unknown backend '" + config.backend() + "'; expected local or kind");
        };
    }
}
