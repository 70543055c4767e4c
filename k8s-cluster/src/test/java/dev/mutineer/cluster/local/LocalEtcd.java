package dev.mutineer.cluster.local;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.EtcdAccess;
import io.etcd.jetcd.Client;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** etcd alone, started with the local backend's own command line, for tests of what mutineer does through etcd. */
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
        ControlPlaneLayout layout = ControlPlaneLayout.direct(Binaries.resolve(), workDir, ports, null, null, Map.of(), false);
        ProcessTable table = new ProcessTable(workDir, "etcd-" + workDir.getFileName());
        LocalEtcd etcd = new LocalEtcd(ports, table, layout);
        try {
            List<String> command = new ArrayList<>(CommandLines.etcd(layout));
            command.addAll(extraFlags);
            table.define(Component.ETCD, command);
            table.start(Component.ETCD);
            new HealthProbes(ports, SSLContext.getDefault()).await(table.process(Component.ETCD),
                    System.nanoTime() + 60_000_000_000L);
            return etcd;
        } catch (NoSuchAlgorithmException | RuntimeException e) {
            etcd.close();
            throw new IllegalStateException("etcd did not start: " + e.getMessage(), e);
        }
    }

    EtcdAccess access() {
        return EtcdAccess.plain(URI.create(layout.etcdUrl()));
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
