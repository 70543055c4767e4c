package dev.mutineer.cluster.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The files of one local cluster: its logs, PIDs, PKI, admin kubeconfig, kwok's stages and etcd's data,
 * all in one directory whose name is the cluster's id. Every process of the cluster names this directory
 * on its command line, which is how the reaper recognises them.
 */
final class LocalWorkDir {

    static final String KWOK_STAGES = "kwok-stages.yaml";

    private final Path path;

    private LocalWorkDir(Path path) {
        this.path = path;
    }

    /** A new, empty work directory below {@code parent}, with its logs directory (the watchdog logs there). */
    static LocalWorkDir create(Path parent) {
        try {
            Files.createDirectories(parent);
            Path dir = Files.createTempDirectory(parent, "mutineer-local-").toAbsolutePath();
            Files.createDirectories(dir.resolve("logs"));
            return new LocalWorkDir(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory in " + parent, e);
        }
    }

    Path path() {
        return path;
    }

    /** The cluster's id: the directory's name. */
    String id() {
        return path.getFileName().toString();
    }

    Pki.PkiFiles writePki(Pki pki) {
        return pki.writeTo(path.resolve("pki"));
    }

    /** The admin kubeconfig the components use, private to this user. */
    Path writeKubeconfig(Pki pki, String apiserverUrl) {
        return writeKubeconfig("kubeconfig.yaml", pki, apiserverUrl);
    }

    /**
     * The admin kubeconfig for this JVM and the user on the host when the control plane runs in a network
     * namespace: it names the API server's relay (real nodes, issue 11).
     */
    Path writeHostKubeconfig(Pki pki, String relayUrl) {
        return writeKubeconfig("kubeconfig-host.yaml", pki, relayUrl);
    }

    private Path writeKubeconfig(String file, Pki pki, String apiserverUrl) {
        Path kubeconfig = path.resolve(file);
        try {
            Files.writeString(kubeconfig, pki.adminKubeconfig(apiserverUrl, "mutineer-" + id()));
            Files.setPosixFilePermissions(kubeconfig, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + kubeconfig, e);
        }
        return kubeconfig;
    }

    /** kwok's Stages (standalone kwok has none of its own): nodes Ready, pods Running with IPs from the podCIDR. */
    void writeKwokStages() {
        try (InputStream in = LocalWorkDir.class.getResourceAsStream(KWOK_STAGES)) {
            if (in == null) {
                throw new IllegalStateException(KWOK_STAGES + " missing from the k8s-cluster jar; rebuild with Maven");
            }
            Files.copy(in, path.resolve(KWOK_STAGES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path.resolve(KWOK_STAGES), e);
        }
    }
}
