package dev.mutineer.injector.inflight;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.mutineer.injector.codec.StorageCodec;
import dev.mutineer.injector.operator.FaultOperator;
import dev.mutineer.injector.operator.Mutation;
import dev.mutineer.injector.operator.Neighbours;
import dev.mutineer.injector.operator.OperatorInput;
import dev.mutineer.injector.fault.Faults;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies an injector operator to the values a write carries, the study's in-flight location: the
 * API server believes it wrote what it meant to, etcd stores the mutated bytes. An operator that
 * deletes turns the put into a delete of the same key.
 */
final class ValueMutator {

    private static final StorageCodec CODEC = new StorageCodec();

    record Result(byte[] request, List<String> descriptions) {
    }

    static Result mutate(String method, byte[] request, ActiveRule rule) {
        Action.MutateValue action = (Action.MutateValue) rule.rule().action();
        FaultOperator operator = Faults.operator(action.operator());
        Selector selector = rule.rule().selector();
        List<String> done = new ArrayList<>();
        try {
            if (method.equals(EtcdMethods.PUT)) {
                PutRequest put = PutRequest.parseFrom(request);
                Mutation m = apply(operator, action, rule, put.getValue());
                done.add(describe(put.getKey(), m));
                if (m.deletes()) {
                    // A plain Put cannot become a delete on the same call; the value empties instead.
                    return new Result(put.toBuilder().setValue(ByteString.EMPTY).build().toByteArray(), done);
                }
                return new Result(put.toBuilder().setValue(ByteString.copyFrom(m.newValue())).build().toByteArray(), done);
            }
            if (method.equals(EtcdMethods.TXN)) {
                TxnRequest txn = TxnRequest.parseFrom(request);
                TxnRequest.Builder out = txn.toBuilder().clearSuccess();
                for (RequestOp op : txn.getSuccessList()) {
                    if (op.hasRequestPut() && selector.matchesKey(op.getRequestPut().getKey())) {
                        PutRequest put = op.getRequestPut();
                        Mutation m = apply(operator, action, rule, put.getValue());
                        done.add(describe(put.getKey(), m));
                        out.addSuccess(m.deletes()
                                ? RequestOp.newBuilder().setRequestDeleteRange(DeleteRangeRequest.newBuilder().setKey(put.getKey()))
                                : RequestOp.newBuilder().setRequestPut(put.toBuilder().setValue(ByteString.copyFrom(m.newValue()))));
                    } else {
                        out.addSuccess(op);
                    }
                }
                return new Result(out.build().toByteArray(), done);
            }
        } catch (InvalidProtocolBufferException e) {
            done.add("request does not parse; passed on unchanged");
        }
        return new Result(request, done);
    }

    private static Mutation apply(FaultOperator operator, Action.MutateValue action, ActiveRule rule, ByteString value) {
        byte[] original = value.toByteArray();
        synchronized (rule) {
            return operator.apply(new OperatorInput(original, CODEC.decode(original), action.parameters(),
                    rule.mutationRandom(), Neighbours.NONE));
        }
    }

    private static String describe(ByteString key, Mutation m) {
        return key.toString(StandardCharsets.UTF_8) + ": " + m.description();
    }
}
