package dev.mutineer.cluster.local;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.netns.NamespacePort;
import dev.mutineer.cluster.netns.NetworkNamespace;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * This JVM's way to the ports of a control plane that runs inside a network namespace (real nodes, issue 11):
 * one {@link NamespacePort} per component, so the client, etcd access and health probes reach it on 127.0.0.1.
 */
final class ComponentRelays implements AutoCloseable {

    private final Map<Component, NamespacePort> relays = new EnumMap<>(Component.class);

    private ComponentRelays() {
    }

    /** Opens one relay per component; their sockets, logs and PIDs live in the cluster's work directory. */
    static ComponentRelays open(NetworkNamespace ns, ComponentPorts ports, Path workDir) {
        ComponentRelays r = new ComponentRelays();
        try {
            for (Component c : Component.controlPlane()) {
                r.relays.put(c, NamespacePort.open(ns, "127.0.0.1", ports.of(c),
                        workDir.resolve("ports").resolve(c.binary() + ".sock"), workDir.resolve("logs"), workDir.resolve("pids")));
            }
            return r;
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** The ports as this JVM reaches them: each component's relay (the etcd peer port is not relayed). */
    ComponentPorts reachable(ComponentPorts inside) {
        return new ComponentPorts(local(Component.ETCD), inside.etcdPeer(), local(Component.APISERVER),
                local(Component.CONTROLLER_MANAGER), local(Component.SCHEDULER), local(Component.KWOK));
    }

    private int local(Component c) {
        return relays.get(c).localPort();
    }

    @Override
    public void close() {
        relays.values().forEach(NamespacePort::close);
    }
}
