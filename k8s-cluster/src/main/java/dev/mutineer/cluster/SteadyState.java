package dev.mutineer.cluster;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.PutOption;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
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
 *
 * <p>The restore is one etcd transaction when the backend's {@link TxnLimits} allow it, so a
 * watcher sees the whole restore at one revision and never a half-restored cluster. The local
 * backend starts etcd with limits that hold any restore; a backend whose etcd keeps its defaults
 * (kind: 128 operations, 1.5 MiB) restores larger changes in several transactions.
 */
public final class SteadyState {

    /** Key prefixes (below the registry prefix) that a restore neither writes nor deletes. */
    static final List<String> UNTRACKED = List.of("/leases/", "/events/", "/masterleases/");

    private final String prefix;
    private final Map<String, byte[]> values;
    private final Keyspace.Figures saved;

    private SteadyState(String prefix, Map<String, byte[]> values, Keyspace.Figures saved) {
        this.prefix = prefix;
        this.values = values;
        this.saved = saved;
    }

    public static SteadyState capture(Client etcd, String prefix) {
        Keyspace keyspace = Keyspace.read(etcd, prefix + "/");
        return new SteadyState(prefix, tracked(keyspace, prefix), keyspace.figures());
    }

    public int size() {
        return values.size();
    }

    /** How the saved keyspace was read (revision, pages, bytes), for logs and benchmarks. */
    public Keyspace.Figures saved() {
        return saved;
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

    /**
     * This steady state with the saved values of some of its keys replaced ({@code values}, by key): what a real
     * node made true since the save and no restore can undo, such as a pod's new sandbox IP. Only saved keys can be
     * replaced; the set of keys, and so what a restore deletes, stays the save's.
     *
     * @throws IllegalArgumentException when a key was not saved
     */
    public SteadyState adopt(Map<String, byte[]> replaced) {
        Map<String, byte[]> out = new HashMap<>(values);
        replaced.forEach((k, v) -> {
            if (!values.containsKey(k)) {
                throw new IllegalArgumentException("not a key of the steady state: " + k);
            }
            out.put(k, v.clone());
        });
        return new SteadyState(prefix, out, saved);
    }

    /**
     * The outcome of one restore.
     *
     * @param written      keys written back
     * @param deleted      keys deleted
     * @param transactions etcd transactions it took: 1 is atomic, 0 when nothing had changed
     * @param revision     etcd's revision after the last transaction (the restore's own when atomic)
     */
    public record Restored(int written, int deleted, int transactions, long revision) {
    }

    public Restored restore(Client etcd, TxnLimits limits) {
        Map<String, byte[]> now = tracked(Keyspace.read(etcd, prefix + "/"), prefix);
        List<Op> ops = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        int written = 0;
        int deleted = 0;
        for (Map.Entry<String, byte[]> saved : values.entrySet()) {
            byte[] current = now.get(saved.getKey());
            if (current == null || !Arrays.equals(current, saved.getValue())) {
                ByteSequence key = bytes(saved.getKey());
                ops.add(Op.put(key, ByteSequence.from(saved.getValue()), PutOption.DEFAULT));
                sizes.add(TxnLimits.opBytes(key.size(), saved.getValue().length));
                written++;
            }
        }
        for (String key : now.keySet()) {
            if (!values.containsKey(key)) {
                ByteSequence k = bytes(key);
                ops.add(Op.delete(k, DeleteOption.DEFAULT));
                sizes.add(TxnLimits.opBytes(k.size(), 0));
                deleted++;
            }
        }
        long revision = 0;
        int start = 0;
        List<Integer> ends = limits.split(sizes);
        for (int end : ends) {
            TxnResponse r = await(etcd.getKVClient().txn().Then(ops.subList(start, end).toArray(Op[]::new)).commit());
            revision = r.getHeader().getRevision();
            start = end;
        }
        return new Restored(written, deleted, ends.size(), revision);
    }

    static boolean tracked(String key, String prefix) {
        if (!key.startsWith(prefix + "/")) {
            return false;
        }
        String rest = key.substring(prefix.length());
        return UNTRACKED.stream().noneMatch(rest::startsWith);
    }

    private static Map<String, byte[]> tracked(Keyspace keyspace, String prefix) {
        Map<String, byte[]> out = new HashMap<>();
        for (Keyspace.Entry e : keyspace.entries()) {
            if (tracked(e.key(), prefix)) {
                out.put(e.key(), e.value());
            }
        }
        return out;
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to etcd", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("etcd request failed during steady-state restore: " + e.getMessage(), e);
        }
    }
}
