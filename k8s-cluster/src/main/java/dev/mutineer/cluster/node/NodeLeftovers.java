package dev.mutineer.cluster.node;

import dev.mutineer.cluster.netns.Shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Removes everything a real node leaves on the host, whether it stopped cleanly or its JVM died:
 * processes (its daemons, containerd's shims, containers: whatever names its root dir or sits in its
 * cgroups), mounts under its root dir (container rootfs, pod volumes, pod network namespaces), its
 * cgroups in every hierarchy, its /var/log/containers links, then the root dir itself. Order matters:
 * nothing is deleted while mounted, and {@code rm --one-file-system} would stop at a mount it missed.
 */
public final class NodeLeftovers {

    static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");
    static final Path CONTAINER_LOG_LINKS = Path.of("/var/log/containers");

    private NodeLeftovers() {
    }

    /** What {@link #remove} removed, for logs and tests. */
    public record Removed(List<Long> processes, List<String> mounts, List<String> cgroups) {
    }

    public static Removed remove(Path root, String cgroupRoot) {
        List<Long> killed = killProcesses(root, cgroupRoot);
        List<String> unmounted = new ArrayList<>();
        for (String m : mountsUnder(readMountinfo(), root)) {
            if (!Shell.run(List.of("umount", m)).ok()) {
                Shell.run(List.of("umount", "-l", m)); // busy: detach now, the kernel frees it when unused
            }
            unmounted.add(m);
        }
        List<String> cgroups = removeCgroups(cgroupRoot);
        removeContainerLogLinks(root);
        if (Files.exists(root)) {
            if (!mountsUnder(readMountinfo(), root).isEmpty()) {
                throw new IllegalStateException("mounts remain under " + root + ": " + mountsUnder(readMountinfo(), root));
            }
            Shell.Result r = Shell.run(List.of("rm", "-rf", "--one-file-system", root.toString()));
            if (!r.ok()) {
                throw new IllegalStateException("cannot remove " + root + ": " + r.output().trim());
            }
        }
        return new Removed(killed, unmounted, cgroups);
    }

    /** Kills, in rounds (shims respawn nothing, but containers may fork), until no process is left. */
    static List<Long> killProcesses(Path root, String cgroupRoot) {
        Set<Long> killed = new LinkedHashSet<>();
        for (int round = 0; round < 30; round++) {
            Set<Long> pids = new LinkedHashSet<>(pidsInCgroups(cgroupRoot));
            pids.addAll(pidsNaming(root));
            pids.remove(ProcessHandle.current().pid());
            if (pids.isEmpty()) {
                break;
            }
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            killed.addAll(pids);
            sleep(100);
        }
        return List.copyOf(killed);
    }

    /** Processes whose command line names the node's root dir (its daemons, containerd's shims by their -address). */
    static List<Long> pidsNaming(Path root) {
        String needle = root.toString() + "/";
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : procs) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                    if (cmd.contains(needle)) {
                        out.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException ignored) {
                    // The process exited meanwhile.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<Long> pidsInCgroups(String cgroupRoot) {
        List<Long> out = new ArrayList<>();
        for (Path dir : cgroupDirs(cgroupRoot)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path procs : walk.filter(p -> p.getFileName().toString().equals("cgroup.procs")).toList()) {
                    Files.readAllLines(procs).stream().map(String::trim).filter(s -> !s.isEmpty()).map(Long::parseLong).forEach(out::add);
                }
            } catch (IOException | UncheckedIOException ignored) {
                // Removed meanwhile.
            }
        }
        return out;
    }

    /** The node's cgroup directory in every mounted hierarchy (v1 controllers, name=systemd, the unified one). */
    static List<Path> cgroupDirs(String cgroupRoot) {
        List<Path> dirs = new ArrayList<>();
        for (Path h : cgroupHierarchies(readMountinfo())) {
            Path d = h.resolve(cgroupRoot.replaceFirst("^/+", ""));
            if (Files.isDirectory(d)) {
                dirs.add(d);
            }
        }
        return dirs;
    }

    /** Creates the node's cgroup in every hierarchy (kubelet refuses a cgroupRoot that does not exist). */
    static void createCgroups(String cgroupRoot) {
        for (Path h : cgroupHierarchies(readMountinfo())) {
            Path d = h.resolve(cgroupRoot.replaceFirst("^/+", ""));
            try {
                Files.createDirectories(d);
                // A new cpuset cgroup starts with no CPUs and no memory nodes: no process could join it.
                for (String f : List.of("cpuset.cpus", "cpuset.mems")) {
                    Path mine = d.resolve(f);
                    if (Files.exists(mine) && Files.readString(mine).isBlank()) {
                        Files.writeString(mine, Files.readString(h.resolve(f)).trim());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create cgroup " + d, e);
            }
        }
    }

    /** rmdir, deepest first, of the node's cgroup trees; a cgroup with a process left stays (and is reported). */
    static List<String> removeCgroups(String cgroupRoot) {
        List<String> removed = new ArrayList<>();
        for (Path dir : cgroupDirs(cgroupRoot)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path d : walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                    try {
                        Files.delete(d);
                        removed.add(d.toString());
                    } catch (IOException e) {
                        throw new IllegalStateException("cannot remove cgroup " + d + ": " + e);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return removed;
    }

    /** kubelet links every container's log into /var/log/containers (a constant, no flag moves it). */
    static void removeContainerLogLinks(Path root) {
        if (!Files.isDirectory(CONTAINER_LOG_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> links = Files.newDirectoryStream(CONTAINER_LOG_LINKS)) {
            for (Path link : links) {
                if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).startsWith(root)) {
                    Files.deleteIfExists(link);
                }
            }
        } catch (IOException ignored) {
            // Best effort: a dangling link in a log directory harms nothing.
        }
    }

    static List<String> readMountinfo() {
        try {
            return Files.readAllLines(MOUNTINFO);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mount points at or under {@code root}, deepest first (so that each unmount finds its children gone). */
    static List<String> mountsUnder(List<String> mountinfo, Path root) {
        String r = root.toString();
        return mountinfo.stream().map(l -> unescape(l.split(" ")[4]))
                .filter(m -> m.equals(r) || m.startsWith(r + "/"))
                .distinct()
                .sorted(Comparator.comparingInt((String m) -> m.split("/").length).reversed().thenComparing(Comparator.reverseOrder()))
                .toList();
    }

    /** Mount points of cgroup (v1) and cgroup2 file systems. */
    static List<Path> cgroupHierarchies(List<String> mountinfo) {
        List<Path> out = new ArrayList<>();
        for (String l : mountinfo) {
            String[] parts = l.split(" - ", 2);
            if (parts.length == 2) {
                String type = parts[1].split(" ")[0];
                if (type.equals("cgroup") || type.equals("cgroup2")) {
                    out.add(Path.of(unescape(parts[0].split(" ")[4])));
                }
            }
        }
        return out;
    }

    /** mountinfo escapes space, tab, newline and backslash as octal. */
    static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
