package dev.mutineer.injector.inject;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The few etcd operations injection needs, synchronous, each bounded by a timeout. */
public final class EtcdStore {

    private static final long TIMEOUT_SECONDS = 15;

    private final Client client;

    /** Uses the client; the caller keeps ownership and closes it. */
    public EtcdStore(Client client) {
        this.client = client;
    }

    public Optional<StoredValue> get(String key) {
        List<KeyValue> kvs = await(client.getKVClient().get(bytes(key))).getKvs();
        return kvs.isEmpty() ? Optional.empty() : Optional.of(toStored(kvs.get(0)));
    }

    /** Every key under prefix, sorted by key. */
    public List<StoredValue> list(String prefix) {
        GetOption option = GetOption.builder().isPrefix(true)
                .withSortField(GetOption.SortTarget.KEY).withSortOrder(GetOption.SortOrder.ASCEND).build();
        return await(client.getKVClient().get(bytes(prefix), option)).getKvs().stream().map(EtcdStore::toStored).toList();
    }

    /** Every key under prefix, without values. */
    public List<String> keys(String prefix) {
        GetOption option = GetOption.builder().isPrefix(true).withKeysOnly(true)
                .withSortField(GetOption.SortTarget.KEY).withSortOrder(GetOption.SortOrder.ASCEND).build();
        return await(client.getKVClient().get(bytes(prefix), option)).getKvs().stream()
                .map(kv -> kv.getKey().toString(StandardCharsets.UTF_8)).toList();
    }

    /**
     * Writes value (or deletes the key when value is null) only if the key is still at
     * modRevision; the revision after the write, or empty when the key had moved.
     */
    public OptionalLong writeIfUnchanged(String key, long modRevision, byte[] value) {
        ByteSequence k = bytes(key);
        Op op = value == null ? Op.delete(k, DeleteOption.DEFAULT) : Op.put(k, ByteSequence.from(value), PutOption.DEFAULT);
        TxnResponse r = await(client.getKVClient().txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(modRevision)))
                .Then(op)
                .commit());
        return r.isSucceeded() ? OptionalLong.of(r.getHeader().getRevision()) : OptionalLong.empty();
    }

    /** Unconditional put, for tests and repairs. */
    public long put(String key, byte[] value) {
        return await(client.getKVClient().put(bytes(key), ByteSequence.from(value))).getHeader().getRevision();
    }

    /** Unconditional delete; the number of keys deleted. */
    public long delete(String key) {
        return await(client.getKVClient().delete(bytes(key))).getDeleted();
    }

    private static StoredValue toStored(KeyValue kv) {
        return new StoredValue(kv.getKey().toString(StandardCharsets.UTF_8), kv.getValue().getBytes(), kv.getModRevision());
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to etcd", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("etcd request failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new IllegalStateException("etcd did not answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
