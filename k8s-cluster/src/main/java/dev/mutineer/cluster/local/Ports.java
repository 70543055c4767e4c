package dev.mutineer.cluster.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Free TCP ports on 127.0.0.1, never handed out twice by this JVM while a cluster holds them (clusters
 * side by side bind their ports only when their processes start). A closed cluster hands its ports back,
 * so a long campaign of many clusters does not accumulate them.
 */
final class Ports {
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private Ports() {
    }

    static synchronized int free() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = s.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
            }
        }
        throw new IllegalStateException("no free port on 127.0.0.1 after 50 attempts");
    }

    static synchronized void release(Collection<Integer> ports) {
        HANDED_OUT.removeAll(ports);
    }

    /** How many ports clusters of this JVM hold now. */
    static synchronized int handedOut() {
        return HANDED_OUT.size();
    }
}
