package dev.mutineer.cluster.kind;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.DockerClientFactory;

/** Testcontainers publishes ports on every interface; mutineer keeps to loopback. */
final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /** Only when the engine is local: on a remote engine 127.0.0.1 would be unreachable from here. */
    static void bind(CreateContainerCmd cmd) {
        String dockerHost = DockerClientFactory.instance().dockerHostIpAddress();
        if (cmd.getExposedPorts() != null && cmd.getHostConfig() != null && isLoopback(dockerHost)) {
            cmd.getHostConfig().withPortBindings(bindings(cmd.getExposedPorts(), cmd.getHostConfig().getPortBindings()));
        }
    }

    static boolean isLoopback(String dockerHost) {
        return "localhost".equals(dockerHost) || "127.0.0.1".equals(dockerHost);
    }

    /** Every exposed port bound on 127.0.0.1, keeping a host port that was asked for (else Docker picks one). */
    static Ports bindings(ExposedPort[] exposed, Ports old) {
        Ports loopback = new Ports();
        for (ExposedPort port : exposed) {
            Ports.Binding[] bindings = old == null ? null : old.getBindings().get(port);
            String hostPort = bindings != null && bindings.length > 0 ? bindings[0].getHostPortSpec() : null;
            loopback.bind(port, new Ports.Binding("127.0.0.1", hostPort));
        }
        return loopback;
    }
}
