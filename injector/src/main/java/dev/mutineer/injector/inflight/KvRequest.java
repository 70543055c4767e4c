package dev.mutineer.injector.inflight;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request as far as rules care: its method, the keys it touches and whether it writes. For a
 * Txn those are the keys of its success branch, the branch that runs when the API server's
 * precondition (the object's mod revision) holds; the failure branch only reads the object back.
 */
record KvRequest(String method, List<ByteString> keys, boolean writes) {

    static KvRequest parse(String method, byte[] message) {
        try {
            switch (method) {
                case EtcdMethods.TXN -> {
                    TxnRequest txn = TxnRequest.parseFrom(message);
                    List<ByteString> written = new ArrayList<>();
                    List<ByteString> read = new ArrayList<>();
                    for (RequestOp op : txn.getSuccessList()) {
                        if (op.hasRequestPut()) {
                            written.add(op.getRequestPut().getKey());
                        } else if (op.hasRequestDeleteRange()) {
                            written.add(op.getRequestDeleteRange().getKey());
                        } else if (op.hasRequestRange()) {
                            read.add(op.getRequestRange().getKey());
                        }
                    }
                    return written.isEmpty() ? new KvRequest(method, read, false) : new KvRequest(method, written, true);
                }
                case EtcdMethods.PUT -> {
                    return new KvRequest(method, List.of(PutRequest.parseFrom(message).getKey()), true);
                }
                case EtcdMethods.DELETE_RANGE -> {
                    return new KvRequest(method, List.of(DeleteRangeRequest.parseFrom(message).getKey()), true);
                }
                case EtcdMethods.RANGE -> {
                    return new KvRequest(method, List.of(RangeRequest.parseFrom(message).getKey()), false);
                }
                default -> {
                    return new KvRequest(method, List.of(), false);
                }
            }
        } catch (InvalidProtocolBufferException e) {
            // Not ours to judge: etcd answers a malformed request itself.
            return new KvRequest(method, List.of(), false);
        }
    }

    /** Whether a selector with this key prefix looks at this request. */
    boolean touches(Selector selector) {
        if (selector.keyPrefix().isEmpty()) {
            return true;
        }
        return keys.stream().anyMatch(selector::matchesKey);
    }

    String firstKey() {
        return keys.isEmpty() ? "" : keys.get(0).toString(StandardCharsets.UTF_8);
    }
}
