package dev.mutineer.injector.inflight;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One call from the API server relayed as one call to etcd: the same method, metadata and
 * deadline; messages both ways (through a {@link Tap}); half-close, cancellation and the final
 * status passed on. Flow control: the next message is requested from one side only once the other
 * side is ready to take it, so a slow reader slows its writer instead of filling our memory.
 *
 * <p>ServerCall and ClientCall are not thread safe, and their listeners run on different threads,
 * so every use of either goes through {@link #lock}.
 */
final class ProxiedCall {

    private final ServerCall<byte[], byte[]> serverCall;
    private final ClientCall<byte[], byte[]> clientCall;
    private final Tap tap;
    private final ScheduledExecutorService timer;
    private final Object lock = new Object();

    private boolean closed;
    private boolean headersSent;
    private boolean serverRequestOwed;
    private boolean clientRequestOwed;
    /** Requests a tap delayed that are not sent yet: the half-close must wait for them. */
    private int delayedRequests;
    private long lastDelayedAt;
    private boolean halfClosePending;
    /** The interposer answers this call itself: etcd's side is cancelled and whatever it says is ignored. */
    private boolean detached;

    private ProxiedCall(ServerCall<byte[], byte[]> serverCall, ClientCall<byte[], byte[]> clientCall, Tap tap,
                        ScheduledExecutorService timer) {
        this.serverCall = serverCall;
        this.clientCall = clientCall;
        this.tap = tap;
        this.timer = timer;
    }

    static ServerCall.Listener<byte[]> start(ServerCall<byte[], byte[]> serverCall, Metadata headers, Channel upstream,
                                             Tap tap, ScheduledExecutorService timer) {
        CallOptions options = CallOptions.DEFAULT;
        Deadline deadline = Context.current().getDeadline();
        if (deadline != null) {
            options = options.withDeadline(deadline);
        }
        ClientCall<byte[], byte[]> clientCall = upstream.newCall(serverCall.getMethodDescriptor(), options);
        ProxiedCall call = new ProxiedCall(serverCall, clientCall, tap, timer);
        synchronized (call.lock) {
            clientCall.start(call.new FromEtcd(), headers);
            clientCall.request(1);
            serverCall.request(1);
        }
        return call.new FromApiServer();
    }

    String method() {
        return serverCall.getMethodDescriptor().getFullMethodName();
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /** Sends a request to etcd now, or after the requests still delayed so that order holds. */
    void toUpstream(byte[] message) {
        synchronized (lock) {
            if (delayedRequests > 0) {
                toUpstreamAt(message, lastDelayedAt);
            } else if (!closed) {
                clientCall.sendMessage(message);
            }
        }
    }

    /** Sends a request to etcd after a delay, keeping the order of the call's requests. */
    void toUpstreamLater(byte[] message, long delayNanos) {
        synchronized (lock) {
            toUpstreamAt(message, Math.max(System.nanoTime() + delayNanos, lastDelayedAt));
        }
    }

    private void toUpstreamAt(byte[] message, long atNanos) {
        delayedRequests++;
        lastDelayedAt = atNanos;
        timer.schedule(() -> {
            synchronized (lock) {
                delayedRequests--;
                if (closed) {
                    return;
                }
                clientCall.sendMessage(message);
                if (delayedRequests == 0 && halfClosePending) {
                    halfClosePending = false;
                    clientCall.halfClose();
                }
            }
        }, Math.max(0, atNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Sends a response to the API server. */
    void toClient(byte[] message) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            sendHeadersOnce(new Metadata());
            serverCall.sendMessage(message);
        }
    }

    /**
     * Cuts etcd out of this call before the interposer answers it itself (later, see
     * {@link #answer}): the API server's half-close must not reach etcd, nor etcd's reply to an
     * empty request reach the API server.
     */
    void detachFromUpstream() {
        synchronized (lock) {
            detached = true;
            clientCall.cancel("the interposer answers this call itself", null);
        }
    }

    /** Ends the call with a response of our own making; etcd never sees the request. */
    void answer(byte[] response) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            sendHeadersOnce(new Metadata());
            serverCall.sendMessage(response);
            closeBoth(Status.OK, "answered by the interposer");
        }
    }

    /** Ends the call with an error status of our choosing; etcd never sees the request. */
    void fail(Status status) {
        synchronized (lock) {
            if (!closed) {
                closeBoth(status, "failed by the interposer");
            }
        }
    }

    private void closeBoth(Status status, String why) {
        closed = true;
        serverCall.close(status, new Metadata());
        clientCall.cancel(why, null);
        tap.onClose();
    }

    private void sendHeadersOnce(Metadata headers) {
        if (!headersSent) {
            headersSent = true;
            serverCall.sendHeaders(headers);
        }
    }

    /** Events of the API server's side of the call. */
    private final class FromApiServer extends ServerCall.Listener<byte[]> {
        @Override
        public void onMessage(byte[] message) {
            tap.onRequest(message, ProxiedCall.this);
            synchronized (lock) {
                if (closed) {
                    return;
                }
                if (clientCall.isReady()) {
                    serverCall.request(1);
                } else {
                    serverRequestOwed = true;
                }
            }
        }

        @Override
        public void onHalfClose() {
            synchronized (lock) {
                if (closed || detached) {
                    return;
                }
                if (delayedRequests > 0) {
                    halfClosePending = true;
                } else {
                    clientCall.halfClose();
                }
            }
        }

        @Override
        public void onCancel() {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                closed = true;
                clientCall.cancel("the API server cancelled the call", null);
                tap.onClose();
            }
        }

        @Override
        public void onReady() {
            synchronized (lock) {
                if (clientRequestOwed && !closed) {
                    clientRequestOwed = false;
                    clientCall.request(1);
                }
            }
        }
    }

    /** Events of etcd's side of the call. */
    private final class FromEtcd extends ClientCall.Listener<byte[]> {
        @Override
        public void onHeaders(Metadata headers) {
            synchronized (lock) {
                if (!closed && !detached) {
                    sendHeadersOnce(headers);
                }
            }
        }

        @Override
        public void onMessage(byte[] message) {
            tap.onResponse(message, ProxiedCall.this);
            synchronized (lock) {
                if (closed) {
                    return;
                }
                if (serverCall.isReady()) {
                    clientCall.request(1);
                } else {
                    clientRequestOwed = true;
                }
            }
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            synchronized (lock) {
                if (closed || detached) {
                    return;
                }
                closed = true;
                serverCall.close(status, trailers);
                tap.onClose();
            }
        }

        @Override
        public void onReady() {
            synchronized (lock) {
                if (serverRequestOwed && !closed) {
                    serverRequestOwed = false;
                    serverCall.request(1);
                }
            }
        }
    }
}
