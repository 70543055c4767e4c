package dev.mutineer.injector.inflight;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;

/**
 * A byte relay with no HTTP/2 or gRPC in it: what one user-space hop costs on this machine, the
 * least any interposer could add (it must at least read every byte and write it again). Only for
 * {@link InterposerBenchmark}; the same transport and threading as {@link EtcdInterposer} (one NIO
 * event loop for both sides, TCP_NODELAY as grpc-java sets it).
 */
final class TcpRelay implements AutoCloseable {

    /** How this relay's threads are named, so that the benchmark can count their CPU time. */
    static final String THREAD_PREFIX = "mutineer-tcprelay";

    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(THREAD_PREFIX, true),
            NioIoHandler.newFactory());
    private final Channel server;

    TcpRelay(int etcdPort) throws InterruptedException {
        server = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false).childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel client) {
                        client.pipeline().addLast(new ToEtcd(etcdPort));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close();
        loop.shutdownGracefully();
    }

    /**
     * Copies what one side reads to the other, reading on only once it is written (so a slow side
     * slows its peer). The client's side dials etcd when it is accepted, then starts both reading.
     */
    private static final class ToEtcd extends Pipe {
        private final int etcdPort;

        ToEtcd(int etcdPort) {
            this.etcdPort = etcdPort;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel client = ctx.channel();
            ChannelFuture connect = new Bootstrap().group(client.eventLoop()).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true).option(ChannelOption.AUTO_READ, false)
                    .handler(new Pipe(client)).connect("127.0.0.1", etcdPort);
            peer = connect.channel();
            connect.addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    client.read();
                    peer.read();
                } else {
                    client.close();
                }
            });
        }
    }

    private static class Pipe extends ChannelInboundHandlerAdapter {
        Channel peer;

        Pipe() {
        }

        Pipe(Channel peer) {
            this.peer = peer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            peer.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    ctx.channel().read();
                } else {
                    f.channel().close();
                }
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (peer != null) {
                peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
