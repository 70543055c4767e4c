package dev.mutineer.cluster;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A copy of every stored object of a cluster, taken from etcd, and the way back to it.
 *
 * <p>Restoring writes the saved values again and deletes keys that did not exist, through
 * etcd, while the control plane keeps running. Revisions only move forward, so the API
 * server's watch cache and every informer see ordinary update and delete events and nobody
 * has to restart; a resource type left unreadable by an undecodable value recovers as soon as
 * its key holds a good value again. Leases and events are left alone: leases are heartbeats
 * and leader locks that live components keep renewing, events expire by themselves.
 */
public final class SteadyState {

    /** Key prefixes (below the registry prefix) that a restore neither writes nor deletes. */
    static final List<String> UNTRACKED = List.of("/leases/", "/events/", "/masterleases/");

    private static final int OPS_PER_TXN = 64;

    private final String prefix;
    private final Map<String, byte[]> values;

    private SteadyState(String prefix, Map<String, byte[]> values) {
        this.prefix = prefix;
        this.values = values;
    }

    public static SteadyState capture(Client etcd, String prefix) {
        return new SteadyState(prefix, read(etcd, prefix));
    }

    public int size() {
        return values.size();
    }

    /** The saved values of the keys that start with {@code keyPrefix} ("/registry/replicasets/shop/"), by key. */
    public Map<String, byte[]> savedUnder(String keyPrefix) {
        Map<String, byte[]> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(keyPrefix)) {
                out.put(k, v.clone());
            }
        });
        return out;
    }

    /** The outcome of one restore: how many keys were written back and how many deleted. */
    public record Restored(int written, int deleted) {
    }

    public Restored restore(Client etcd) {
        Map<String, byte[]> now = read(etcd, prefix);
        List<Op> ops = new ArrayList<>();
        int written = 0;
        int deleted = 0;
        for (Map.Entry<String, byte[]> saved : values.entrySet()) {
            byte[] current = now.get(saved.getKey());
            if (current == null || !Arrays.equals(current, saved.getValue())) {
                ops.add(Op.put(bytes(saved.getKey()), ByteSequence.from(saved.getValue()), PutOption.DEFAULT));
                written++;
            }
        }
        for (String key : now.keySet()) {
            if (!values.containsKey(key)) {
                ops.add(Op.delete(bytes(key), DeleteOption.DEFAULT));
                deleted++;
            }
        }
        for (int i = 0; i < ops.size(); i += OPS_PER_TXN) {
            List<Op> batch = ops.subList(i, Math.min(ops.size(), i + OPS_PER_TXN));
            await(etcd.getKVClient().txn().Then(batch.toArray(Op[]::new)).commit());
        }
        return new Restored(written, deleted);
    }

    static boolean tracked(String key, String prefix) {
        if (!key.startsWith(prefix + "/")) {
            return false;
        }
        String rest = key.substring(prefix.length());
        return UNTRACKED.stream().noneMatch(rest::startsWith);
    }

    private static Map<String, byte[]> read(Client etcd, String prefix) {
        var response = await(etcd.getKVClient().get(bytes(prefix + "/"), GetOption.builder().isPrefix(true).build()));
        Map<String, byte[]> out = new HashMap<>();
        for (KeyValue kv : response.getKvs()) {
            String key = kv.getKey().toString(StandardCharsets.UTF_8);
            if (tracked(key, prefix)) {
                out.put(key, kv.getValue().getBytes());
            }
        }
        return out;
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to etcd", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("etcd request failed during steady-state save/restore: " + e.getMessage(), e);
        }
    }
}
