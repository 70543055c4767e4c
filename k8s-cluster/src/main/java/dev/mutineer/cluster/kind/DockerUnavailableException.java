package dev.mutineer.cluster.kind;

/** The kind backend needs a Docker engine and Testcontainers found none. */
public class DockerUnavailableException extends IllegalStateException {

    public DockerUnavailableException(String message) {
        super(message);
    }
}
