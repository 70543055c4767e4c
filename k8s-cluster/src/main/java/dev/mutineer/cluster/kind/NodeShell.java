package dev.mutineer.cluster.kind;

import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;

import java.io.IOException;

/** Runs bash snippets inside the kind node container and fails loudly when one fails. */
final class NodeShell implements StaticPods.Shell {

    private final GenericContainer<?> node;

    NodeShell(GenericContainer<?> node) {
        this.node = node;
    }

    @Override
    public String run(String script) {
        ExecResult r = exec(script);
        if (r.getExitCode() != 0) {
            throw new IllegalStateException("kind node: command failed with exit code " + r.getExitCode()
                    + ": " + script + "\n" + r.getStderr().strip());
        }
        return r.getStdout();
    }

    private ExecResult exec(String script) {
        try {
            return node.execInContainer("bash", "-c", script);
        } catch (IOException e) {
            throw new IllegalStateException("kind node: cannot run '" + script + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running '" + script + "' in the kind node", e);
        }
    }
}
