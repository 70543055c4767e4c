package dev.mutineer.cli;

import dev.mutineer.cluster.Cluster;

import java.io.PrintWriter;

/**
 * Tears a command's cluster down on Ctrl-C: shutdown hooks run, a blocked main thread's finally blocks
 * do not. Closing this removes the hook (the command's own try-with-resources closes the cluster then).
 */
final class ClusterTeardown implements AutoCloseable {

    private final Thread hook;
    private volatile Cluster cluster;

    ClusterTeardown(PrintWriter err) {
        hook = new Thread(() -> {
            Cluster c = cluster;
            if (c != null) {
                err.println();
                err.println("mutineer: interrupted; stopping the cluster ...");
                err.flush();
                c.close();
            }
        }, "mutineer-teardown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The cluster to close on Ctrl-C (passed as soon as it exists, before it starts). */
    void watch(Cluster c) {
        cluster = c;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran: it closes the cluster
        }
    }
}
