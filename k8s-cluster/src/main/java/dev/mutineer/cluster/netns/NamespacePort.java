package dev.mutineer.cluster.netns;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server inside a network namespace, reachable from this JVM on an ephemeral 127.0.0.1 port of
 * the host. A JVM thread cannot enter a namespace, but a Unix socket is a file and crosses namespaces:
 * socat inside the namespace listens on {@code socket} and connects each client to {@code target};
 * a relay in this JVM accepts on 127.0.0.1 and copies each connection to that socket.
 */
public final class NamespacePort implements AutoCloseable {

    private final ChildProcess forwarder;
    private final ServerSocket listener;
    private final Path socket;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private NamespacePort(ChildProcess forwarder, ServerSocket listener, Path socket) {
        this.forwarder = forwarder;
        this.listener = listener;
        this.socket = socket;
    }

    /**
     * Opens the relay to {@code host:port} inside {@code ns}. {@code socket} is the Unix socket's path
     * (under the cluster's work directory, at most 107 bytes); the forwarder's log and PID go to
     * {@code logDir} and {@code pidDir}. Returns once the forwarder listens.
     */
    public static NamespacePort open(NetworkNamespace ns, String host, int port, Path socket, Path logDir, Path pidDir) {
        if (socket.toString().length() > 107) {
            throw new IllegalArgumentException("Unix socket path longer than 107 bytes: " + socket);
        }
        try {
            Files.createDirectories(socket.getParent());
            Files.deleteIfExists(socket);
            ChildProcess forwarder = new ChildProcess("relay-" + socket.getFileName().toString().replace(".sock", ""),
                    ns.command(forwarderCommand(socket, host, port)), logDir, pidDir).start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!Files.exists(socket)) {
                if (!forwarder.alive() || System.nanoTime() > deadline) {
                    forwarder.stop(0);
                    throw new IllegalStateException("relay to " + host + ":" + port + " in " + ns.name()
                            + " did not start:\n" + forwarder.logTail(10));
                }
                NamespaceRegistry.sleep(10);
            }
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            NamespacePort p = new NamespacePort(forwarder, listener, socket);
            Thread accept = new Thread(p::acceptLoop, "mutineer-relay-" + listener.getLocalPort());
            accept.setDaemon(true);
            accept.start();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a relay to " + host + ":" + port + " in " + ns.name(), e);
        }
    }

    /** socat inside the namespace: one forked child per client; the socket file is removed when it exits. */
    static List<String> forwarderCommand(Path socket, String host, int port) {
        return List.of("socat", "UNIX-LISTEN:" + socket + ",fork,unlink-early,unlink-close",
                "TCP:" + host + ":" + port + ",nodelay");
    }

    /** The 127.0.0.1 port of this JVM's end. */
    public int localPort() {
        return listener.getLocalPort();
    }

    public long forwarderPid() {
        return forwarder.pid();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                client.setTcpNoDelay(true);
                SocketChannel upstream = SocketChannel.open(StandardProtocolFamily.UNIX);
                upstream.connect(UnixDomainSocketAddress.of(socket));
                open.add(client);
                open.add(upstream);
                AtomicInteger directions = new AtomicInteger(2);
                Runnable abort = () -> {
                    closeQuietly(client);
                    closeQuietly(upstream);
                };
                Runnable done = () -> {
                    if (directions.decrementAndGet() == 0) {
                        abort.run();
                    }
                };
                // Channel reads and writes directly: Channels' stream adapters share one lock per channel,
                // so a read blocked in one direction would stall every write in the other.
                InputStream fromClient = client.getInputStream();
                OutputStream toClient = client.getOutputStream();
                pump(buf -> {
                    int n = fromClient.read(buf.array(), 0, buf.capacity());
                    buf.position(Math.max(n, 0));
                    return n;
                }, buf -> writeFully(upstream, buf), upstream::shutdownOutput, done, abort);
                pump(upstream::read, buf -> toClient.write(buf.array(), 0, buf.limit()), client::shutdownOutput, done, abort);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private interface HalfClose {
        void run() throws IOException;
    }

    private interface Read {
        int into(ByteBuffer buf) throws IOException;
    }

    private interface Write {
        void from(ByteBuffer buf) throws IOException;
    }

    private static void writeFully(SocketChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** Copies one direction; at its end, half-closes the writing side so that the peer sees EOF. */
    private void pump(Read in, Write out, HalfClose halfClose, Runnable done, Runnable abort) {
        Thread t = new Thread(() -> {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            try {
                for (int n; (n = in.into(buf.clear())) >= 0; ) {
                    out.from(buf.flip());
                }
                halfClose.run();
                done.run();
            } catch (IOException e) {
                abort.run(); // the connection broke: the other direction must not wait for ever
            }
        }, "mutineer-relay-" + localPort() + "-pump");
        t.setDaemon(true);
        t.start();
    }

    private void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Already closed.
        }
        open.remove(c);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(listener);
        open.forEach(this::closeQuietly);
        forwarder.stop(1_000);
        try {
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // The work directory goes with the cluster.
        }
    }
}
