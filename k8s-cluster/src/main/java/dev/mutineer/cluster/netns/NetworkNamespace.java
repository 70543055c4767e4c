package dev.mutineer.cluster.netns;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A network namespace of one cluster: {@code mutineer-<id>}, with loopback, IP forwarding, and an
 * empty bridge that holds the node IPs (this kernel has no dummy links) and a device route for the
 * Service CIDR (else a ClusterIP is unreachable from the namespace itself). It never gets an
 * interface or a route to the host's namespace, so no packet of the cluster leaves it.
 *
 * <p>Processes enter it with {@link #command}: {@code nsenter --net=}, because {@code ip netns exec}
 * remounts /sys and hides the cgroup mounts that kubelet and runc need. Namespaces are registered
 * (see {@link NamespaceRegistry}) so that those of a JVM that died are deleted at the next create.
 */
public final class NetworkNamespace implements AutoCloseable {

    /** Name prefix of every namespace mutineer creates. */
    public static final String PREFIX = "mutineer-";
    /** The bridge that carries the node IPs; pods get bridges of their own (CNI). */
    public static final String NODE_BRIDGE = "mutineer0";

    private final String name;
    private final List<String> addresses;
    private volatile boolean closed;

    private NetworkNamespace(String name, List<String> addresses) {
        this.name = name;
        this.addresses = List.copyOf(addresses);
    }

    /**
     * Creates and sets up {@code mutineer-<id>}. {@code addresses} are the node IPs (bare IPv4),
     * {@code serviceCidr} the cluster's Service range. Reaps the namespaces of dead JVMs first.
     */
    public static NetworkNamespace create(String id, List<String> addresses, String serviceCidr) {
        NamespaceRegistry.reapOrphans();
        String name = name(id);
        Shell.check(List.of("ip", "netns", "add", name));
        NamespaceRegistry.register(name);
        NetworkNamespace ns = new NetworkNamespace(name, addresses);
        try {
            Shell.check(ns.command(List.of("sh", "-c", setupScript(addresses, serviceCidr))));
            return ns;
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    /** The namespace name for a short id: {@code mutineer-<id>}. */
    public static String name(String id) {
        if (!id.matches("[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("a namespace id is 1-40 characters of [a-z0-9-], got '" + id + "'");
        }
        return PREFIX + id;
    }

    /**
     * The shell script run inside a fresh namespace. bridge-nf-call-iptables exists only where the
     * br_netfilter module is loaded; kube-proxy's rules see bridged pod traffic only with it, so it is
     * set when present and skipped otherwise.
     */
    static String setupScript(List<String> addresses, String serviceCidr) {
        List<String> lines = new ArrayList<>(List.of(
                "set -e",
                "ip link set lo up",
                "sysctl -qw net.ipv4.ip_forward=1",
                "if [ -e /proc/sys/net/bridge/bridge-nf-call-iptables ]; then sysctl -qw net.bridge.bridge-nf-call-iptables=1; fi",
                "ip link add " + NODE_BRIDGE + " type bridge",
                "ip link set " + NODE_BRIDGE + " up"));
        for (String a : addresses) {
            lines.add("ip addr add " + requireIpv4(a) + "/32 dev " + NODE_BRIDGE);
        }
        lines.add("ip route add " + Objects.requireNonNull(serviceCidr) + " dev " + NODE_BRIDGE);
        return String.join("\n", lines) + "\n";
    }

    /** argv run inside the named namespace (nsenter execs it: the PID stays the command's). */
    public static List<String> enter(String namespace, List<String> argv) {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=" + path(namespace)));
        cmd.addAll(argv);
        return cmd;
    }

    static Path path(String namespace) {
        return Path.of("/var/run/netns", namespace);
    }

    /** argv run inside this namespace. */
    public List<String> command(List<String> argv) {
        return enter(name, argv);
    }

    public String name() {
        return name;
    }

    /** The node IPs this namespace holds on its bridge. */
    public List<String> addresses() {
        return addresses;
    }

    /** Deletes the namespace. Its processes must be stopped first: a namespace lives as long as a process in it. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        NamespaceRegistry.delete(name);
    }

    private static String requireIpv4(String a) {
        if (!a.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("not an IPv4 address: '" + a + "'");
        }
        return a;
    }
}
