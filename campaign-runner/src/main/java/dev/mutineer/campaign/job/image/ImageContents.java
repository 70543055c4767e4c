package dev.mutineer.campaign.job.image;

import dev.mutineer.campaign.job.image.ImageEntry.Directory;
import dev.mutineer.campaign.job.image.ImageEntry.HostFile;
import dev.mutineer.campaign.job.image.ImageEntry.Link;
import dev.mutineer.campaign.job.image.ImageEntry.Text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the mutineer image holds, path by path (no leading '/'): a Java runtime under {@code opt/java}, mutineer's
 * jars under {@code opt/mutineer/lib}, the control-plane binaries a kwok-only cluster runs under
 * {@code opt/mutineer/bin} ({@code MUTINEER_BIN_DIR}), the host tools LocalCluster and the shard script exec with the
 * host's shared libraries, a launcher, and the few files a process expects ({@code /etc/passwd}, {@code /tmp}).
 * kubelet, kube-proxy and kwokctl are links to {@code false}: a pod's cluster has no real nodes, and {@code Binaries}
 * only checks that every name of its set is executable.
 */
final class ImageContents {

    /** The control-plane binaries of a kwok-only local cluster. */
    static final List<String> CLUSTER_BINARIES = List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok");
    /** Names of Binaries.NAMES a kwok-only cluster never starts. */
    static final List<String> UNUSED_BINARIES = List.of("kubelet", "kube-proxy", "kwokctl");
    /**
     * What is exec'd inside the pod: sh (the shard script), bash, setsid, tail, tr, grep, cat, rm (ProcessReaper's
     * watchdog and reaping), kill (ComponentProcess's signals), tar, gzip, base64 (the results block), and a few for
     * looking around in a pod (ls, mkdir, sleep, false for the unused binaries).
     */
    static final List<String> HOST_TOOLS = List.of("sh", "bash", "setsid", "tail", "tr", "grep", "cat", "rm", "kill",
            "tar", "gzip", "base64", "ls", "mkdir", "sleep", "false");

    static final String JAVA_HOME = "/opt/java";
    static final String BIN_DIR = "/opt/mutineer/bin";
    static final String LIB_DIR = "/opt/mutineer/lib";
    static final String LAUNCHER = "/usr/local/bin/mutineer";
    static final List<String> ENV = List.of("PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "HOME=/root",
            "JAVA_HOME=" + JAVA_HOME, "MUTINEER_BIN_DIR=" + BIN_DIR);

    /** The launcher: the JVM options of the repository's ./mutineer script, the jars of the image. */
    static final String LAUNCHER_SCRIPT = """
            #!/bin/sh
            exec %s/bin/java -Dcom.google.protobuf.use_unsafe_pre22_gencode -XX:+UseSerialGC $MUTINEER_JAVA_OPTS \\
              -cp '%s/*' dev.mutineer.cli.Mutineer "$@"
            """.formatted(JAVA_HOME, LIB_DIR);

    private ImageContents() {
    }

    /**
     * The entries, sorted by path; parents before children.
     *
     * @param jre        a jlink'ed runtime
     * @param jars       mutineer's class path
     * @param binDir     the cluster binaries
     * @param hostTools  absolute paths of the host tools
     * @param rootLinks  top-level links of the host (bin -> usr/bin on a merged-/usr system), kept so paths compiled
     *                   into executables (the loader /lib64/ld-linux-x86-64.so.2) resolve
     * @param libraries  the shared libraries the runtime and the tools load, as ldd names them
     */
    static SortedMap<String, ImageEntry> of(Path jre, List<Path> jars, Path binDir, List<Path> hostTools,
                                            Map<String, String> rootLinks, Collection<String> libraries) {
        SortedMap<String, ImageEntry> e = new TreeMap<>();
        rootLinks.forEach((name, target) -> e.put(name, new Link(target)));
        for (Path f : walk(jre)) {
            String rel = jre.relativize(f).toString();
            add(e, JAVA_HOME + "/" + rel, new HostFile(f, Files.isExecutable(f) ? 0755 : 0644), rootLinks);
        }
        for (Path jar : jars) {
            add(e, LIB_DIR + "/" + jar.getFileName(), new HostFile(jar, 0644), rootLinks);
        }
        for (String b : CLUSTER_BINARIES) {
            add(e, BIN_DIR + "/" + b, new HostFile(binDir.resolve(b), 0755), rootLinks);
        }
        for (String b : UNUSED_BINARIES) {
            add(e, BIN_DIR + "/" + b, new Link("/usr/bin/false"), rootLinks);
        }
        for (Path t : hostTools) {
            add(e, t.toString(), new HostFile(t, 0755), rootLinks);
        }
        for (String lib : libraries) {
            add(e, lib, new HostFile(Path.of(lib), 0755), rootLinks);
        }
        add(e, LAUNCHER, new Text(LAUNCHER_SCRIPT, 0755), rootLinks);
        add(e, "/etc/passwd", new Text("root:x:0:0:root:/root:/bin/sh\n", 0644), rootLinks);
        add(e, "/etc/group", new Text("root:x:0:\n", 0644), rootLinks);
        add(e, "/root", new Directory(0700), rootLinks);
        add(e, "/tmp", new Directory(01777), rootLinks);
        return e;
    }

    /**
     * Adds an entry at its path with the host's top-level links resolved (/lib/x.so lands in usr/lib/x.so, which the
     * link lib -> usr/lib finds again), and every parent directory.
     */
    private static void add(SortedMap<String, ImageEntry> e, String absolute, ImageEntry entry, Map<String, String> rootLinks) {
        String path = absolute.replaceFirst("^/+", "");
        int slash = path.indexOf('/');
        if (slash > 0 && rootLinks.containsKey(path.substring(0, slash))) {
            path = rootLinks.get(path.substring(0, slash)) + path.substring(slash);
        }
        for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
            e.putIfAbsent(path.substring(0, i), new Directory(0755));
        }
        e.put(path, entry);
    }

    private static List<Path> walk(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return new ArrayList<>(s.filter(Files::isRegularFile).sorted().toList());
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + dir, ex);
        }
    }
}
