package dev.mutineer.cluster.local;

import dev.mutineer.cluster.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Where the control-plane binaries are. Resolution order: the system property
 * {@code mutineer.binDir} or the environment variable {@code MUTINEER_BIN_DIR}; else the
 * version-keyed cache directory when it is complete; else scripts/install-binaries.sh, which
 * downloads or builds them (and prints progress to this process's stderr).
 */
public record Binaries(Path dir, String kubernetesVersion, String etcdVersion, String kwokVersion) {

    /** Every executable of the set; scripts/install-binaries.sh provisions the same list. */
    public static final List<String> NAMES = List.of("etcd", "kube-apiserver", "kube-controller-manager",
            "kube-scheduler", "kubelet", "kube-proxy", "kwok", "kwokctl");

    public Path path(Component component) {
        return dir.resolve(component.binary());
    }

    public Path kwokctl() {
        return dir.resolve("kwokctl");
    }

    /** The versions pinned in versions.properties at build time. */
    public static Properties pinnedVersions() {
        Properties p = new Properties();
        try (InputStream in = Binaries.class.getResourceAsStream("/dev/mutineer/cluster/versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("versions.properties missing from the k8s-cluster jar; rebuild with Maven");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    public static Binaries resolve() {
        Properties v = pinnedVersions();
        String k8s = v.getProperty("kubernetes.version");
        String etcd = v.getProperty("etcd.version");
        String kwok = v.getProperty("kwok.version");
        String override = System.getProperty("mutineer.binDir", System.getenv("MUTINEER_BIN_DIR"));
        if (override != null && !override.isBlank()) {
            Path dir = Path.of(override);
            List<String> missing = missing(dir);
            if (!missing.isEmpty()) {
                throw new IllegalStateException("MUTINEER_BIN_DIR=" + dir + " lacks executables " + missing);
            }
            return new Binaries(dir, k8s, etcd, kwok);
        }
        Path cached = cacheRoot().resolve("bin")
                .resolve("k8s-v" + k8s + "-etcd-v" + etcd + "-kwok-v" + kwok + "-r" + v.getProperty("binaries.recipe"));
        if (missing(cached).isEmpty()) {
            return new Binaries(cached, k8s, etcd, kwok);
        }
        return new Binaries(runInstallScript(), k8s, etcd, kwok);
    }

    public static Path cacheRoot() {
        String c = System.getenv("MUTINEER_CACHE");
        if (c != null && !c.isBlank()) {
            return Path.of(c);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("mutineer");
    }

    private static List<String> missing(Path dir) {
        List<String> missing = new ArrayList<>();
        for (String n : NAMES) {
            if (!Files.isExecutable(dir.resolve(n))) {
                missing.add(n);
            }
        }
        return missing;
    }

    private static Path runInstallScript() {
        Path script = repoRoot().resolve("scripts/install-binaries.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("cluster binaries are not installed and " + script + " is missing; "
                    + "run scripts/install-binaries.sh from the mutineer checkout or set MUTINEER_BIN_DIR");
        }
        try {
            Process p = new ProcessBuilder("bash", script.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String last = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    last = line.trim();
                }
            }
            int rc = p.waitFor();
            if (rc != 0 || last == null) {
                throw new IllegalStateException(script + " failed with exit code " + rc + " (its messages are above)");
            }
            return Path.of(last);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning cluster binaries", e);
        }
    }

    /** The checkout root: system property mutineer.home / mutineer.repo, else the nearest parent holding versions.properties. */
    static Path repoRoot() {
        for (String prop : List.of("mutineer.home", "mutineer.repo")) {
            String v = System.getProperty(prop);
            if (v != null && !v.isBlank() && Files.isRegularFile(Path.of(v, "versions.properties"))) {
                return Path.of(v);
            }
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("versions.properties")) && Files.isDirectory(p.resolve("scripts"))) {
                return p;
            }
        }
        return Path.of("").toAbsolutePath();
    }
}
