package dev.mutineer.campaign.scenario;

import dev.mutineer.cluster.local.LocalCluster;
import dev.mutineer.injector.inflight.EtcdInterposer;

import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * A 3-node local cluster whose API server reaches etcd through an interposer, with one feature gate set.
 * Closing it stops the cluster's processes, then the interposer they talked through.
 */
record InterposedCluster(EtcdInterposer interposer, LocalCluster cluster) implements AutoCloseable {

    /**
     * Start-up is the CPU-heavy part of a run. On a loaded 2-core machine, clusters starting together
     * made each other's controller-manager give up waiting for its API server; so starts take turns
     * (the permit), and a failed start is tried once more.
     */
    static InterposedCluster start(String gate, boolean enabled, Semaphore startPermit, Consumer<String> say)
            throws InterruptedException {
        startPermit.acquire();
        try {
            try {
                return startOnce(gate, enabled);
            } catch (RuntimeException first) {
                say.accept("cluster start failed, trying once more: " + firstLine(first.getMessage()));
                return startOnce(gate, enabled);
            }
        } finally {
            startPermit.release();
        }
    }

    private static InterposedCluster startOnce(String gate, boolean enabled) {
        EtcdInterposer interposer = new EtcdInterposer();
        LocalCluster cluster = new LocalCluster().withNodes(DaemonSetWorkload.CLUSTER_NODES).withFeatureGate(gate, enabled)
                .withEtcdInterposer(interposer::start);
        try {
            cluster.start();
            return new InterposedCluster(interposer, cluster);
        } catch (RuntimeException e) {
            cluster.close();
            interposer.close();
            throw e;
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } finally {
            interposer.close();
        }
    }
}
