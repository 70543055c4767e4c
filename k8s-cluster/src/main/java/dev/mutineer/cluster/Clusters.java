package dev.mutineer.cluster;

import dev.mutineer.cluster.kind.KindCluster;
import dev.mutineer.cluster.local.LocalCluster;

/** Picks the backend a {@link ClusterConfig} names. */
public final class Clusters {

    private Clusters() {
    }

    /**
     * A configured but not yet started cluster; start it with {@link #start(Cluster)}.
     * Separate steps so a caller can register its clean-up (a shutdown hook) before anything runs.
     *
     * @throws IllegalArgumentException when the backend cannot honour the configuration (kind: more than one node)
     */
    public static Cluster create(ClusterConfig config) {
        return switch (config.backend()) {
            case ClusterConfig.LOCAL -> local(config);
            case ClusterConfig.KIND -> KindCluster.from(config);
            default -> throw new IllegalArgumentException("unknown backend '" + config.backend() + "'; expected local or kind");
        };
    }

    private static LocalCluster local(ClusterConfig config) {
        LocalCluster c = new LocalCluster().withNodes(config.nodes()).withFeatureGates(config.featureGates())
                .withKeepWorkDir(config.keepWorkDir());
        config.workDir().ifPresent(c::withWorkDir);
        return c;
    }

    /**
     * Starts a cluster made by {@link #create} and blocks until it is Ready. The Cluster
     * interface has no start() (backends return their own type), hence the dispatch here.
     */
    public static Cluster start(Cluster cluster) {
        if (cluster instanceof LocalCluster local) {
            local.start();
        } else if (cluster instanceof KindCluster kind) {
            kind.start();
        } else {
            throw new IllegalArgumentException("cannot start a " + cluster.getClass().getName() + "; make it with Clusters.create");
        }
        return cluster;
    }
}
