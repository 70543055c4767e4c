package dev.mutineer.cluster.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What this host lacks for real nodes: root (namespaces, mounts, cgroups) and the system packages that
 * scripts/install-node-packages.sh installs. Callers with {@code realNodes > 0} refuse to start, exit 3
 * and print {@link #message}; kwok-only clusters need none of it.
 */
public final class NodePrerequisites {

    /** Each executable real nodes run, and the Debian package that brings it. */
    static final List<String[]> EXECUTABLES = List.of(
            new String[]{"/usr/bin/containerd", "containerd"},
            new String[]{"/usr/bin/ctr", "containerd"},
            new String[]{"/usr/bin/containerd-shim-runc-v2", "containerd"},
            new String[]{"/usr/sbin/runc", "runc"},
            new String[]{"/usr/lib/cni/bridge", "containernetworking-plugins"},
            new String[]{"/usr/lib/cni/host-local", "containernetworking-plugins"},
            new String[]{"/usr/lib/cni/loopback", "containernetworking-plugins"},
            new String[]{"/usr/lib/cni/portmap", "containernetworking-plugins"},
            new String[]{"/usr/sbin/nft", "nftables"},
            new String[]{"/usr/sbin/iptables", "iptables"},
            new String[]{"/usr/sbin/conntrack", "conntrack"},
            new String[]{"/usr/bin/socat", "socat"},
            new String[]{"/usr/bin/nsenter", "util-linux"});

    private NodePrerequisites() {
    }

    /** What is missing here, empty when real nodes can run. */
    public static List<String> missing() {
        return missing(isRoot(), p -> Files.isExecutable(Path.of(p)));
    }

    /** What is missing, given whether we are root and which paths are executable. */
    static List<String> missing(boolean root, Predicate<String> executable) {
        List<String> out = new ArrayList<>();
        if (!root) {
            out.add("root (real nodes create a network namespace, mounts and cgroups)");
        }
        List<String> packages = new ArrayList<>();
        for (String[] e : EXECUTABLES) {
            if (!executable.test(e[0]) && !packages.contains(e[1])) {
                packages.add(e[1]);
            }
        }
        if (!packages.isEmpty()) {
            out.add("packages " + String.join(" ", packages));
        }
        return out;
    }

    /** The message for a user who asked for real nodes on a host that lacks {@code missing}. */
    public static String message(List<String> missing) {
        return "real nodes need " + String.join(" and ", missing) + ". Run scripts/install-node-packages.sh as root"
                + " (it installs or names the packages), or use kwok-only nodes (realNodes: 0).";
    }

    static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                    .map(l -> l.split("\\s+")[2]).findFirst().orElse("-1").equals("0"); // effective UID
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
