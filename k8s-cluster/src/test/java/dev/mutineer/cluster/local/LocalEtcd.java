package dev.mutineer.cluster.local;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.EtcdAccess;
import io.etcd.jetcd.Client;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * etcd alone, started with the local backend's own command line (mutual TLS, its own CA in the work directory's
 * pki/), for tests of what mutineer does through etcd.
 */
final class LocalEtcd implements AutoCloseable {

    private final ComponentPorts ports;
    private final ProcessTable table;
    private final ControlPlaneLayout layout;

    private LocalEtcd(ComponentPorts ports, ProcessTable table, ControlPlaneLayout layout) {
        this.ports = ports;
        this.table = table;
        this.layout = layout;
    }

    static LocalEtcd start(Path workDir) {
        return start(workDir, List.of());
    }

    /** With flags after the local backend's own (etcd takes the last of a repeated flag). */
    static LocalEtcd start(Path workDir, List<String> extraFlags) {
        ComponentPorts ports = ComponentPorts.allocate();
        Pki pki = Pki.generate();
        ControlPlaneLayout layout = ControlPlaneLayout.direct(Binaries.resolve(), workDir, ports, pki.writeTo(workDir.resolve("pki")),
                null, Map.of(), false);
        ProcessTable table = new ProcessTable(workDir, "etcd-" + workDir.getFileName());
        LocalEtcd etcd = new LocalEtcd(ports, table, layout);
        try {
            List<String> command = new ArrayList<>(CommandLines.etcd(layout));
            command.addAll(extraFlags);
            table.define(Component.ETCD, command);
            table.start(Component.ETCD);
            new HealthProbes(ports, pki.adminSslContext(), pki.etcdSslContext()).await(table.process(Component.ETCD),
                    System.nanoTime() + 60_000_000_000L);
            return etcd;
        } catch (RuntimeException e) {
            etcd.close();
            throw new IllegalStateException("etcd did not start: " + e.getMessage(), e);
        }
    }

    /** With mutineer's client certificate, as the local backend's own etcd access. */
    EtcdAccess access() {
        return EtcdAccess.mutualTls(URI.create(layout.etcdUrl()), layout.etcdPki().mutineerClient());
    }

    EtcdPkiFiles pki() {
        return layout.etcdPki();
    }

    Client connect() {
        return access().connect();
    }

    @Override
    public void close() {
        table.close(List.of(Component.ETCD), Map.of());
        ports.release();
    }
}
