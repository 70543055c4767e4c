package dev.mutineer.cluster;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.OptionsUtil;
import io.grpc.Status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every key under a prefix as etcd held it at one revision, read in pages. One Range over a whole
 * keyspace answers in one gRPC message, which outgrows the client's inbound limit (4 MiB by default)
 * long before the 5,000 nodes a campaign may ask for; pages of {@code limit} keys, each starting after
 * the last key of the one before and all at the revision of the first, give the same consistent view.
 *
 * @param revision the etcd revision every page was read at
 * @param entries  the keys in key order, with their values and mod revisions
 * @param pages    how many Range requests it took
 * @param bytes    the keys' and values' bytes
 */
public record Keyspace(String prefix, long revision, List<Entry> entries, int pages, long bytes) {

    /** Keys per page: Kubernetes objects are a few KiB, so a page stays well below the client's inbound limit. */
    public static final int PAGE_KEYS = 500;
    private static final long TIMEOUT_SECONDS = 30;
    /** The API server compacts every 5 minutes; a read that loses its revision to it starts over this often. */
    private static final int COMPACTION_RETRIES = 3;

    /** One stored key. */
    public record Entry(String key, byte[] value, long modRevision) {
    }

    /** What a read took, without the data: for logs and benchmarks. */
    public record Figures(int keys, long bytes, int pages, long revision) {
    }

    public Figures figures() {
        return new Figures(entries.size(), bytes, pages, revision);
    }

    public Keyspace {
        entries = List.copyOf(entries);
    }

    public static Keyspace read(Client etcd, String prefix) {
        return read(etcd, prefix, PAGE_KEYS);
    }

    /**
     * Reads every key under {@code prefix} at the current revision, {@code pageKeys} keys per Range. A page
     * too large for the client's inbound limit is asked for again with half the keys.
     */
    public static Keyspace read(Client etcd, String prefix, int pageKeys) {
        if (pageKeys < 1) {
            throw new IllegalArgumentException("a page holds at least one key, got " + pageKeys);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return readOnce(etcd, prefix, pageKeys);
            } catch (RevisionCompacted e) {
                if (attempt == COMPACTION_RETRIES) {
                    throw new IllegalStateException("etcd compacted the revision of every attempt to read " + prefix
                            + " (" + attempt + " attempts)", e);
                }
            }
        }
    }

    private static Keyspace readOnce(Client etcd, String prefix, int pageKeys) {
        ByteSequence end = OptionsUtil.prefixEndOf(bytes(prefix));
        ByteSequence from = bytes(prefix);
        long revision = 0; // the first page fixes it
        int limit = pageKeys;
        List<Entry> entries = new ArrayList<>();
        long total = 0;
        int pages = 0;
        while (true) {
            GetOption option = GetOption.builder().withRange(end).withLimit(limit).withRevision(revision)
                    .withSortField(GetOption.SortTarget.KEY).withSortOrder(GetOption.SortOrder.ASCEND).build();
            GetResponse page;
            try {
                page = await(etcd.getKVClient().get(from, option));
            } catch (PageTooLarge e) {
                if (limit == 1) {
                    throw new IllegalStateException("one key under " + prefix + " alone exceeds the etcd client's inbound "
                            + "message limit", e);
                }
                limit = Math.max(1, limit / 2);
                continue;
            }
            pages++;
            if (revision == 0) {
                revision = page.getHeader().getRevision();
            }
            List<KeyValue> kvs = page.getKvs();
            for (KeyValue kv : kvs) {
                byte[] value = kv.getValue().getBytes();
                entries.add(new Entry(kv.getKey().toString(StandardCharsets.UTF_8), value, kv.getModRevision()));
                total += kv.getKey().size() + value.length;
            }
            if (!page.isMore() || kvs.isEmpty()) {
                return new Keyspace(prefix, revision, entries, pages, total);
            }
            from = after(kvs.get(kvs.size() - 1).getKey());
        }
    }

    /** The smallest key greater than {@code key}: the key with a zero byte appended. */
    static ByteSequence after(ByteSequence key) {
        return key.concat(ByteSequence.from(new byte[]{0}));
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private static GetResponse await(CompletableFuture<GetResponse> f) {
        try {
            return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading from etcd", e);
        } catch (ExecutionException e) {
            Status.Code code = Status.fromThrowable(e.getCause()).getCode();
            if (code == Status.Code.RESOURCE_EXHAUSTED) {
                throw new PageTooLarge(e.getCause());
            }
            if (code == Status.Code.OUT_OF_RANGE) {
                throw new RevisionCompacted(e.getCause());
            }
            throw new IllegalStateException("etcd Range failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new IllegalStateException("etcd did not answer a Range within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    private static final class PageTooLarge extends RuntimeException {
        PageTooLarge(Throwable cause) {
            super(cause);
        }
    }

    private static final class RevisionCompacted extends RuntimeException {
        RevisionCompacted(Throwable cause) {
            super(cause);
        }
    }
}
