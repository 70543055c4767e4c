package dev.mutineer.cluster;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;

import javax.net.ssl.SSLException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Direct access to a cluster's etcd. Both backends' etcd require a client certificate (mutual TLS, as
 * kubeadm sets it up); the TLS material is absent only for a plaintext etcd of a test.
 */
public record EtcdAccess(List<URI> endpoints, Optional<Path> caCert, Optional<Path> clientCert, Optional<Path> clientKey) {

    public EtcdAccess {
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("etcd access needs at least one endpoint");
        }
    }

    /**
     * The largest answer the client accepts. grpc-java's default of 4 MiB is less than one Range over the
     * objects of a large cluster; {@link Keyspace} pages its reads, and this leaves room for pages of big objects.
     */
    static final int MAX_INBOUND_BYTES = 32 * 1024 * 1024;

    public static EtcdAccess plain(URI endpoint) {
        return new EtcdAccess(List.of(endpoint), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** An https endpoint, checked against the identity's CA, presenting its client certificate. */
    public static EtcdAccess mutualTls(URI endpoint, TlsIdentity client) {
        return new EtcdAccess(List.of(endpoint), Optional.of(client.caCert()), Optional.of(client.cert()),
                Optional.of(client.key()));
    }

    /** The client identity when the access has a CA, a certificate and a key; empty for plaintext or server-only TLS. */
    public Optional<TlsIdentity> clientIdentity() {
        if (caCert.isPresent() && clientCert.isPresent() && clientKey.isPresent()) {
            return Optional.of(new TlsIdentity(caCert.get(), clientCert.get(), clientKey.get()));
        }
        return Optional.empty();
    }

    /** A new jetcd client; the caller closes it. */
    public Client connect() {
        return builder().build();
    }

    /** A jetcd client builder with the endpoints, the inbound limit and the TLS material, for callers that change more. */
    public ClientBuilder builder() {
        ClientBuilder builder = Client.builder().endpoints(endpoints.toArray(URI[]::new))
                .maxInboundMessageSize(MAX_INBOUND_BYTES);
        if (caCert.isPresent()) {
            try {
                builder.sslContext(ssl -> {
                    ssl.trustManager(caCert.get().toFile());
                    if (clientCert.isPresent() && clientKey.isPresent()) {
                        ssl.keyManager(clientCert.get().toFile(), clientKey.get().toFile());
                    }
                });
            } catch (SSLException e) {
                throw new IllegalStateException("cannot load etcd TLS material " + caCert.get() + ": " + e.getMessage(), e);
            }
        }
        return builder;
    }

    /** The first endpoint as "host:port", for printing. */
    public String primaryEndpoint() {
        URI u = endpoints.get(0);
        return u.getScheme() + "://" + u.getHost() + ":" + u.getPort();
    }
}
