package dev.mutineer.cluster;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One end of a mutual-TLS connection, as PEM files: the certificate it presents with its key, and the CA
 * it checks the other end's certificate against. A server and its clients hold identities under one CA.
 */
public record TlsIdentity(Path caCert, Path cert, Path key) {

    public TlsIdentity {
        Objects.requireNonNull(caCert, "caCert");
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(key, "key");
    }
}
