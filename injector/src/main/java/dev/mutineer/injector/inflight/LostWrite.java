package dev.mutineer.injector.inflight;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.etcd.jetcd.api.DeleteRangeResponse;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutResponse;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.ResponseHeader;
import io.etcd.jetcd.api.ResponseOp;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import io.grpc.Channel;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The success answer to a write that never reaches etcd. Its header is etcd's current one (read
 * with a count-only Range), so the revision the API server stores as the object's
 * resourceVersion is one etcd really had; the object itself is not at that revision, which is
 * what a lost update looks like from outside.
 */
final class LostWrite {

    private final Channel etcd;

    LostWrite(Channel etcd) {
        this.etcd = etcd;
    }

    record Answer(byte[] response, long revision) {
    }

    /**
     * Reads etcd's current header, then hands the answer over. Asynchronous: the relay runs on
     * gRPC's transport threads, which must never wait for a response they themselves deliver.
     */
    void answer(String method, byte[] request, ByteString key, Consumer<Answer> then, Consumer<Throwable> failed) {
        ListenableFuture<RangeResponse> current = KVGrpc.newFutureStub(etcd).withDeadlineAfter(5, TimeUnit.SECONDS)
                .range(RangeRequest.newBuilder().setKey(key).setCountOnly(true).build());
        Futures.addCallback(current, new FutureCallback<>() {
            @Override
            public void onSuccess(RangeResponse r) {
                then.accept(answer(method, request, r));
            }

            @Override
            public void onFailure(Throwable t) {
                failed.accept(t);
            }
        }, MoreExecutors.directExecutor());
    }

    private static Answer answer(String method, byte[] request, RangeResponse current) {
        ResponseHeader header = current.getHeader();
        byte[] response = switch (method) {
            case EtcdMethods.TXN -> txnSuccess(parseTxn(request), header).toByteArray();
            case EtcdMethods.PUT -> PutResponse.newBuilder().setHeader(header).build().toByteArray();
            case EtcdMethods.DELETE_RANGE -> DeleteRangeResponse.newBuilder().setHeader(header)
                    .setDeleted(current.getCount()).build().toByteArray();
            default -> throw new IllegalArgumentException(method + " is not a write");
        };
        return new Answer(response, header.getRevision());
    }

    /** Succeeded, with one response per operation of the success branch, as etcd would answer. */
    private static TxnResponse txnSuccess(TxnRequest txn, ResponseHeader header) {
        TxnResponse.Builder out = TxnResponse.newBuilder().setHeader(header).setSucceeded(true);
        for (RequestOp op : txn.getSuccessList()) {
            ResponseOp.Builder r = ResponseOp.newBuilder();
            if (op.hasRequestPut()) {
                r.setResponsePut(PutResponse.newBuilder().setHeader(header));
            } else if (op.hasRequestDeleteRange()) {
                r.setResponseDeleteRange(DeleteRangeResponse.newBuilder().setHeader(header).setDeleted(1));
            } else if (op.hasRequestRange()) {
                r.setResponseRange(RangeResponse.newBuilder().setHeader(header));
            } else {
                r.setResponseTxn(TxnResponse.newBuilder().setHeader(header).setSucceeded(true));
            }
            out.addResponses(r);
        }
        return out.build();
    }

    private static TxnRequest parseTxn(byte[] request) {
        try {
            return TxnRequest.parseFrom(request);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a TxnRequest", e);
        }
    }
}
