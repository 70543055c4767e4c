package dev.mutineer.cluster;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;

import javax.net.ssl.SSLException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Direct access to a cluster's etcd. TLS material is present only when the backend's etcd
 * requires client certificates (kind); the local backend serves plain gRPC on 127.0.0.1.
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

    /** A new jetcd client; the caller closes it. */
    public Client connect() {
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
        return builder.build();
    }

    /** The first endpoint as "host:port", for printing. */
    public String primaryEndpoint() {
        URI u = endpoints.get(0);
        return u.getScheme() + "://" + u.getHost() + ":" + u.getPort();
    }
}
