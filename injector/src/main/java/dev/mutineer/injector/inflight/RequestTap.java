package dev.mutineer.injector.inflight;

import dev.mutineer.injector.operator.NotApplicableException;
import io.grpc.Status;

import java.util.List;

/**
 * Applies the request rules (mutate, drop, fail, latency) to each request of a call that is not a
 * watch. With no rule in force for the method the request goes on unparsed: the cost of the
 * interposer without faults is one relay.
 */
final class RequestTap implements Tap {

    private final InflightRules rules;
    private final LostWrite lostWrite;

    RequestTap(InflightRules rules, LostWrite lostWrite) {
        this.rules = rules;
        this.lostWrite = lostWrite;
    }

    @Override
    public void onRequest(byte[] message, ProxiedCall call) {
        String method = call.method();
        List<ActiveRule> active = rules.activeFor(method);
        if (active.isEmpty()) {
            call.toUpstream(message);
            return;
        }
        KvRequest request = KvRequest.parse(method, message);
        byte[] out = message;
        long delayNanos = 0;
        for (ActiveRule rule : active) {
            Action action = rule.rule().action();
            boolean writeOnly = action instanceof Action.DropWrite || action instanceof Action.MutateValue;
            if ((writeOnly && !request.writes()) || !request.touches(rule.rule().selector()) || !rule.fires()) {
                continue;
            }
            if (action instanceof Action.Fail f) {
                rule.record(method, request.firstKey(), 0, "failed with " + f.code() + ": " + f.message());
                call.fail(Status.fromCode(f.code()).withDescription(f.message()));
                return;
            }
            if (action instanceof Action.DropWrite) {
                call.detachFromUpstream();
                lostWrite.answer(method, message, request.keys().get(0), answer -> {
                    rule.record(method, request.firstKey(), answer.revision(),
                            "dropped write; answered success at revision " + answer.revision());
                    call.answer(answer.response());
                }, error -> {
                    rule.record(method, request.firstKey(), 0, "dropped write; etcd's revision unreadable, answered UNAVAILABLE: " + error);
                    call.fail(Status.UNAVAILABLE.withDescription("interposer could not read etcd's revision").withCause(error));
                });
                return;
            }
            if (action instanceof Action.AddLatency l) {
                delayNanos += l.delay().toNanos();
                rule.record(method, request.firstKey(), 0, "delayed " + l.delay().toMillis() + " ms");
            } else if (action instanceof Action.MutateValue) {
                try {
                    ValueMutator.Result r = ValueMutator.mutate(method, out, rule);
                    out = r.request();
                    rule.record(method, request.firstKey(), 0, "mutated " + String.join("; ", r.descriptions()));
                } catch (NotApplicableException e) {
                    rule.record(method, request.firstKey(), 0, "not applicable, passed on unchanged: " + e.getMessage());
                }
            }
        }
        if (delayNanos > 0) {
            call.toUpstreamLater(out, delayNanos);
        } else {
            call.toUpstream(out);
        }
    }
}
