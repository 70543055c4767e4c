package dev.mutineer.injector.testing;

import dev.mutineer.cluster.EtcdAccess;
import dev.mutineer.cluster.local.Binaries;
import io.etcd.jetcd.Client;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A single real etcd on 127.0.0.1 with a throw-away data directory, for tests of injection
 * that need etcd but no API server. Uses the etcd binary the cluster binaries cache holds.
 */
public final class PlainEtcd implements AutoCloseable {

    private final Process process;
    private final Path dataDir;
    private final URI clientUrl;

    private PlainEtcd(Process process, Path dataDir, URI clientUrl) {
        this.process = process;
        this.dataDir = dataDir;
        this.clientUrl = clientUrl;
    }

    /** Starts etcd, or skips the test when no etcd binary is installed. */
    public static PlainEtcd start() throws IOException, InterruptedException {
        Optional<Path> binary = findBinary();
        Assumptions.assumeTrue(binary.isPresent(), "no etcd binary: run scripts/install-binaries.sh or set MUTINEER_BIN_DIR");
        int clientPort = freePort();
        int peerPort = freePort();
        Path dir = Files.createTempDirectory("mutineer-etcd-");
        URI client = URI.create("http://127.0.0.1:" + clientPort);
        Process p = new ProcessBuilder(binary.get().toString(),
                "--name", "test", "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", client.toString(), "--advertise-client-urls", client.toString(),
                "--listen-peer-urls", "http://127.0.0.1:" + peerPort,
                "--initial-advertise-peer-urls", "http://127.0.0.1:" + peerPort,
                "--initial-cluster", "test=http://127.0.0.1:" + peerPort,
                "--log-level", "error")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("etcd.log").toFile())
                .start();
        PlainEtcd etcd = new PlainEtcd(p, dir, client);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                etcd.close();
                throw new IllegalStateException("etcd exited with " + p.exitValue() + "; see " + dir.resolve("etcd.log"));
            }
            try (Socket s = new Socket("127.0.0.1", clientPort)) {
                return etcd;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        etcd.close();
        throw new IllegalStateException("etcd did not listen on " + client + " within 20 s");
    }

    public EtcdAccess access() {
        return EtcdAccess.plain(clientUrl);
    }

    public Client connect() {
        return access().connect();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> findBinary() throws IOException {
        String override = System.getenv("MUTINEER_BIN_DIR");
        if (override != null && Files.isExecutable(Path.of(override, "etcd"))) {
            return Optional.of(Path.of(override, "etcd"));
        }
        Path bin = Binaries.cacheRoot().resolve("bin");
        if (!Files.isDirectory(bin)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(bin)) {
            return dirs.map(d -> d.resolve("etcd")).filter(Files::isExecutable).sorted().findFirst();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
