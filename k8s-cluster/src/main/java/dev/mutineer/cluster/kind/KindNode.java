package dev.mutineer.cluster.kind;

import com.dajudge.kindcontainer.KindContainer;
import com.dajudge.kindcontainer.KindContainerVersion;
import com.dajudge.kindcontainer.KubernetesImageSpec;
import dev.mutineer.cluster.EtcdAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.output.OutputFrame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The kind node container and the host files that belong to it: its output log, the admin kubeconfig and
 * the etcd client certificates copied out of it, all in the cluster's work directory.
 */
final class KindNode {

    private static final Logger LOG = LoggerFactory.getLogger(KindNode.class);
    static final int ETCD_CLIENT_PORT = 2379;

    private final Path workDir;
    private final Writer log;
    private final KindContainer<?> container;

    private KindNode(Path workDir, Writer log, KindContainer<?> container) {
        this.workDir = workDir;
        this.log = log;
        this.container = container;
    }

    /** Starts the node (kubeadm init inside) in a new work directory below {@code parent}; cleans up when it fails. */
    static KindNode start(Path parent, KindContainerVersion version, Optional<String> image, Duration readyTimeout,
                          boolean keepWorkDir) {
        Path workDir;
        Writer log;
        try {
            workDir = Files.createTempDirectory(parent, "mutineer-kind-");
            log = Files.newBufferedWriter(workDir.resolve("kind-node.log"), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("kind backend: cannot prepare work directory: " + e.getMessage(), e);
        }
        KubernetesImageSpec<KindContainerVersion> spec = new KubernetesImageSpec<>(version);
        image.ifPresent(spec::withImage);
        KindContainer<?> container = new KindContainer<>(spec);
        KindNode node = new KindNode(workDir, log, container);
        container.withExposedPorts(ETCD_CLIENT_PORT);
        container.withCreateContainerCmdModifier(LoopbackPorts::bind);
        container.withLogConsumer(node::logOutput);
        container.withNodeReadyTimeout(readyTimeout);
        LOG.info("starting kind node {} (work dir {})", spec.getImage(), workDir);
        try {
            container.start();
            return node;
        } catch (RuntimeException e) {
            node.close(keepWorkDir);
            throw e;
        }
    }

    Path workDir() {
        return workDir;
    }

    Path nodeLog() {
        return workDir.resolve("kind-node.log");
    }

    StaticPods.Shell shell() {
        return new NodeShell(container);
    }

    String kubeconfigContent() {
        return container.getKubeconfig();
    }

    Path writeKubeconfig() throws IOException {
        return writePrivate(workDir.resolve("kubeconfig"), container.getKubeconfig());
    }

    /** The etcd server certificate names localhost and 127.0.0.1, so TLS verification holds on the mapped port. */
    EtcdAccess copyEtcdAccess() throws IOException {
        Path pki = Files.createDirectories(workDir.resolve("pki"));
        Path ca = pki.resolve("etcd-ca.crt");
        Path cert = pki.resolve("apiserver-etcd-client.crt");
        Path key = pki.resolve("apiserver-etcd-client.key");
        container.copyFileFromContainer("/etc/kubernetes/pki/etcd/ca.crt", ca.toString());
        container.copyFileFromContainer("/etc/kubernetes/pki/apiserver-etcd-client.crt", cert.toString());
        container.copyFileFromContainer("/etc/kubernetes/pki/apiserver-etcd-client.key", key.toString());
        Files.writeString(key, Pkcs8.fromPem(Files.readString(key, StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII);
        for (Path p : List.of(ca, cert, key)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        }
        URI endpoint = URI.create("https://" + container.getHost() + ":" + container.getMappedPort(ETCD_CLIENT_PORT));
        return new EtcdAccess(List.of(endpoint), Optional.of(ca), Optional.of(cert), Optional.of(key));
    }

    /** Stops and removes the container and its volumes; deletes the work directory unless kept. */
    void close(boolean keepWorkDir) {
        try {
            container.stop();
        } catch (RuntimeException e) {
            LOG.warn("kind: stopping the node container failed ({}); Testcontainers' reaper removes it when this JVM exits", e.getMessage());
        }
        synchronized (this) {
            try {
                log.close();
            } catch (IOException ignored) {
                // nothing to save
            }
        }
        if (!keepWorkDir) {
            deleteRecursively(workDir);
        }
    }

    private synchronized void logOutput(OutputFrame frame) {
        try {
            log.write(frame.getUtf8String());
            log.flush();
        } catch (IOException e) {
            // the node log is a convenience; a full disk (or a closed log) must not break the cluster
        }
    }

    private static Path writePrivate(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("kind: cannot delete {}: {}", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warn("kind: cannot delete work directory {}: {}", dir, e.getMessage());
        }
    }
}
