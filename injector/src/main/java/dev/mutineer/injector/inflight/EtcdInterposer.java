package dev.mutineer.injector.inflight;

import io.grpc.HandlerRegistry;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import dev.mutineer.cluster.EtcdAccess;
import dev.mutineer.cluster.TlsIdentity;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC server on 127.0.0.1 that relays every etcd service and method (KV, Watch, Lease,
 * Maintenance, Cluster, Auth, and whatever else a client calls) to a real etcd, applying the
 * {@link InflightRules} on the way. Before a TLS etcd it terminates the API server's mutual TLS with a
 * certificate of etcd's CA and opens its own to etcd with mutineer's client certificate; plaintext stays
 * for a plaintext etcd. Methods are not known in advance: a fallback registry answers
 * any method name with a byte-level relay, so nothing is lost to a missing stub.
 *
 * <pre>
 * EtcdInterposer interposer = new EtcdInterposer();
 * try (LocalCluster c = new LocalCluster().withEtcdInterposer(interposer::start)) {
 *     c.start();
 *     interposer.rules().install(Rule.of("lost-1", Selector.writesOf("Deployment"), Count.nth(1), new Action.DropWrite()));
 * } finally {
 *     interposer.close();
 * }
 * </pre>
 */
public final class EtcdInterposer implements AutoCloseable {

    /** etcd accepts requests up to --max-request-bytes and answers ranges of any size. */
    private static final int MAX_MESSAGE = Integer.MAX_VALUE;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mutineer-interposer-timer");
        t.setDaemon(true);
        return t;
    });
    private final InflightRules rules = new InflightRules(timer);
    /**
     * One event loop for both sides: the API server's connections and the one to etcd live on
     * the same thread, so a relayed message is read and written again without a thread hop.
     * One core is far more than 1,000 requests per second need.
     */
    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("mutineer-interposer", true),
            NioIoHandler.newFactory());
    private ManagedChannel etcd;
    private Server server;
    private URI url;

    /** Starts relaying in plaintext to a plaintext etcd (an http:// client URL); returns the URL clients use instead. */
    public synchronized URI start(URI etcdUrl) {
        if (!"http".equals(etcdUrl.getScheme())) {
            throw new IllegalArgumentException("plaintext relaying needs a plaintext etcd (http://); got " + etcdUrl
                    + " (give the TLS material with start(EtcdAccess, TlsIdentity))");
        }
        return start(etcdUrl, Optional.empty(), Optional.empty());
    }

    /**
     * Starts relaying with mutual TLS on both sides, as etcd itself would: to etcd (an https:// URL) with the
     * access's client certificate, and to clients with {@code serving}'s certificate, asking each client for a
     * certificate of {@code serving}'s CA. Returns the https:// URL clients use instead.
     */
    public synchronized URI start(EtcdAccess etcdAccess, TlsIdentity serving) {
        URI etcdUrl = etcdAccess.endpoints().get(0);
        TlsIdentity client = etcdAccess.clientIdentity().orElseThrow(() -> new IllegalArgumentException(
                "TLS relaying needs a client certificate for etcd, a key and its CA; got " + etcdAccess));
        if (!"https".equals(etcdUrl.getScheme())) {
            throw new IllegalArgumentException("TLS relaying needs etcd's https:// URL; got " + etcdUrl);
        }
        try {
            SslContext toEtcd = GrpcSslContexts.forClient().trustManager(client.caCert().toFile())
                    .keyManager(client.cert().toFile(), client.key().toFile()).build();
            SslContext toClients = GrpcSslContexts.forServer(serving.cert().toFile(), serving.key().toFile())
                    .trustManager(serving.caCert().toFile()).clientAuth(ClientAuth.REQUIRE).build();
            return start(etcdUrl, Optional.of(toEtcd), Optional.of(toClients));
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot load the interposer's TLS material (" + client + ", " + serving + "): "
                    + e.getMessage(), e);
        }
    }

    private URI start(URI etcdUrl, Optional<SslContext> toEtcd, Optional<SslContext> toClients) {
        if (server != null) {
            throw new IllegalStateException("the interposer already relays to " + etcdUrl);
        }
        // directExecutor (both sides): relaying runs on the transport threads. A hop through a
        // thread pool per message each way cost about 2 ms at the median on a loaded 2-core
        // machine; nothing in the relay blocks (a delay is a timer, a lost write's answer waits
        // for etcd asynchronously).
        NettyChannelBuilder channel = NettyChannelBuilder.forAddress(etcdUrl.getHost(), etcdUrl.getPort());
        if (toEtcd.isPresent()) {
            channel.sslContext(toEtcd.get());
        } else {
            channel.usePlaintext();
        }
        etcd = channel
                .eventLoopGroup(loop).channelType(NioSocketChannel.class)
                .directExecutor().maxInboundMessageSize(MAX_MESSAGE)
                // Retries are the API server's business; gRPC's own would buffer every message.
                .disableRetry().build();
        LostWrite lostWrite = new LostWrite(etcd);
        Relay relay = new Relay(etcd, rules, lostWrite, timer);
        try {
            NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
            toClients.ifPresent(builder::sslContext);
            server = builder
                    .fallbackHandlerRegistry(relay)
                    .bossEventLoopGroup(loop).workerEventLoopGroup(loop).channelType(NioServerSocketChannel.class)
                    .directExecutor()
                    .maxInboundMessageSize(MAX_MESSAGE)
                    // The API server's etcd client pings every 30 s or so; grpc-java's default
                    // (5 min) would answer with GOAWAY "too_many_pings" and break every watch.
                    .permitKeepAliveTime(1, TimeUnit.SECONDS)
                    .permitKeepAliveWithoutCalls(true)
                    .build().start();
        } catch (IOException e) {
            etcd.shutdownNow();
            throw new UncheckedIOException("cannot start the etcd interposer on 127.0.0.1", e);
        }
        url = URI.create((toClients.isPresent() ? "https" : "http") + "://127.0.0.1:" + server.getPort());
        return url;
    }

    /** Where clients reach the interposer: "https://127.0.0.1:PORT" (TLS) or "http://127.0.0.1:PORT" (plaintext). */
    public synchronized URI url() {
        if (url == null) {
            throw new IllegalStateException("the interposer is not started");
        }
        return url;
    }

    public InflightRules rules() {
        return rules;
    }

    /** Stops relaying: open calls are cancelled (clients see UNAVAILABLE and reconnect elsewhere or fail). */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdownNow();
            etcd.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
                etcd.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        timer.shutdownNow();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** Answers every method name with a relay of raw bytes to etcd. */
    private static final class Relay extends HandlerRegistry {
        private final Map<String, ServerMethodDefinition<byte[], byte[]>> methods = new ConcurrentHashMap<>();
        private final ManagedChannel etcd;
        private final InflightRules rules;
        private final LostWrite lostWrite;
        private final ScheduledExecutorService timer;

        Relay(ManagedChannel etcd, InflightRules rules, LostWrite lostWrite, ScheduledExecutorService timer) {
            this.etcd = etcd;
            this.rules = rules;
            this.lostWrite = lostWrite;
            this.timer = timer;
        }

        @Override
        public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
            return methods.computeIfAbsent(methodName, this::definition);
        }

        private ServerMethodDefinition<byte[], byte[]> definition(String methodName) {
            // UNKNOWN: the relay neither knows nor needs whether a method streams; it passes on
            // messages as they come in either direction.
            MethodDescriptor<byte[], byte[]> descriptor = MethodDescriptor.newBuilder(RawBytes.INSTANCE, RawBytes.INSTANCE)
                    .setFullMethodName(methodName).setType(MethodDescriptor.MethodType.UNKNOWN).build();
            boolean watch = methodName.equals(EtcdMethods.WATCH);
            ServerCallHandler<byte[], byte[]> handler = (serverCall, headers) -> ProxiedCall.start(serverCall, headers, etcd,
                    watch ? new WatchTap(rules) : new RequestTap(rules, lostWrite), timer);
            return ServerMethodDefinition.create(descriptor, handler);
        }
    }
}
