package dev.mutineer.cluster.local;

import dev.mutineer.cluster.Keyspace;
import dev.mutineer.cluster.SteadyState;
import dev.mutineer.cluster.TxnLimits;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static dev.mutineer.cluster.local.LiveChecks.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The steady state's reads and writes against a real etcd started as the local backend starts it:
 * the restore is one transaction (one revision for every watcher), whole-keyspace reads come in
 * pages at one revision.
 */
class SteadyStateEtcdTest {

    @TempDir
    static Path workDir;
    static LocalEtcd etcd;
    static Client client;

    @BeforeAll
    static void startEtcd() {
        etcd = LocalEtcd.start(workDir);
        client = etcd.connect();
    }

    @AfterAll
    static void stopEtcd() {
        if (client != null) {
            client.close();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    @Test
    void aWatcherSeesTheWholeRestoreAtOneRevision() throws Exception {
        String prefix = "/restore-atomic";
        for (int i = 0; i < 300; i++) {
            put(prefix + "/configmaps/ns/cm-" + i, "saved-" + i);
        }
        put(prefix + "/leases/kube-node-lease/n", "heartbeat"); // untracked: a restore leaves it alone
        SteadyState saved = SteadyState.capture(client, prefix);
        assertThat(saved.size()).isEqualTo(300);
        for (int i = 0; i < 150; i++) {
            put(prefix + "/configmaps/ns/cm-" + i, "changed-" + i);
        }
        for (int i = 150; i < 200; i++) {
            client.getKVClient().delete(bytes(prefix + "/configmaps/ns/cm-" + i)).get(10, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 100; i++) {
            put(prefix + "/configmaps/ns/new-" + i, "new");
        }
        put(prefix + "/leases/kube-node-lease/n", "heartbeat 2");
        long before = client.getKVClient().get(bytes(prefix)).get(10, TimeUnit.SECONDS).getHeader().getRevision();
        List<WatchEvent> events = new CopyOnWriteArrayList<>();
        try (Watch.Watcher ignored = client.getWatchClient().watch(bytes(prefix + "/"),
                WatchOption.builder().isPrefix(true).withRevision(before + 1).build(), r -> events.addAll(r.getEvents()))) {

            SteadyState.Restored restored = saved.restore(client, CommandLines.ETCD_TXN_LIMITS);

            assertThat(restored.written()).isEqualTo(200);
            assertThat(restored.deleted()).isEqualTo(100);
            assertThat(restored.transactions()).isEqualTo(1);
            await("the watcher saw 300 events", () -> events.size() >= 300);
            Map<Long, Long> eventsByRevision = events.stream().collect(Collectors.groupingBy(
                    e -> e.getKeyValue().getModRevision(), TreeMap::new, Collectors.counting()));
            assertThat(eventsByRevision).as("events per revision").containsExactly(Map.entry(restored.revision(), 300L));
        }
        Map<String, String> now = read(prefix + "/configmaps/");
        assertThat(now).hasSize(300).allSatisfy((k, v) -> assertThat(v).isEqualTo("saved-" + k.substring(k.lastIndexOf('-') + 1)));
        assertThat(read(prefix + "/leases/")).containsEntry(prefix + "/leases/kube-node-lease/n", "heartbeat 2");
    }

    /** 5,000 nodes, the most a campaign may ask for: about 2.6 KiB each as the API server stores them. */
    @Test
    void aRestoreOfFiveThousandNodeSizedKeysIsStillOneRevision() throws Exception {
        String prefix = "/restore-5000";
        byte[] saved = new byte[2600];
        byte[] changed = new byte[2600];
        Arrays.fill(changed, (byte) 1);
        List<CompletableFuture<?>> puts = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            puts.add(client.getKVClient().put(bytes(prefix + "/minions/node-" + i), ByteSequence.from(saved)));
        }
        CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        SteadyState steady = SteadyState.capture(client, prefix);
        assertThat(steady.saved().pages()).isGreaterThanOrEqualTo(10);
        puts.clear();
        for (int i = 0; i < 5000; i++) {
            puts.add(client.getKVClient().put(bytes(prefix + "/minions/node-" + i), ByteSequence.from(changed)));
        }
        CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        long t0 = System.nanoTime();
        SteadyState.Restored restored = steady.restore(client, CommandLines.ETCD_TXN_LIMITS);
        System.out.printf("restore of 5000 keys of 2600 bytes: %d transaction(s), %.2f s%n", restored.transactions(),
                (System.nanoTime() - t0) / 1e9);

        assertThat(restored.written()).isEqualTo(5000);
        assertThat(restored.transactions()).isEqualTo(1);
        Keyspace after = Keyspace.read(client, prefix + "/");
        assertThat(after.entries()).hasSize(5000)
                .allSatisfy(e -> assertThat(e.modRevision()).isEqualTo(restored.revision()))
                .allSatisfy(e -> assertThat(e.value()).isEqualTo(saved));
    }

    @Test
    void withEtcdsDefaultLimitsALargeRestoreTakesSeveralTransactions() throws Exception {
        String prefix = "/restore-defaults";
        for (int i = 0; i < 300; i++) {
            put(prefix + "/configmaps/ns/cm-" + i, "saved");
        }
        SteadyState saved = SteadyState.capture(client, prefix);
        for (int i = 0; i < 300; i++) {
            put(prefix + "/configmaps/ns/cm-" + i, "changed");
        }

        SteadyState.Restored restored = saved.restore(client, TxnLimits.ETCD_DEFAULTS);

        assertThat(restored.transactions()).as("300 writes in transactions of 128").isEqualTo(3);
        assertThat(read(prefix + "/")).hasSize(300).allSatisfy((k, v) -> assertThat(v).isEqualTo("saved"));
    }

    /**
     * Why kind splits: kubeadm starts etcd with etcd's default limits, which refuse one transaction of the
     * whole restore. Measured on an etcd with exactly those limits.
     */
    @Test
    void etcdWithKubeadmsLimitsRefusesTheRestoreAsOneTransactionAndTakesItSplit(@TempDir Path dir) throws Exception {
        try (LocalEtcd kubeadmLike = LocalEtcd.start(dir, List.of("--max-txn-ops=" + TxnLimits.ETCD_DEFAULTS.maxOps(),
                "--max-request-bytes=" + TxnLimits.ETCD_DEFAULTS.maxBytes()));
             Client c = kubeadmLike.connect()) {
            String prefix = "/registry";
            for (int i = 0; i < 300; i++) {
                c.getKVClient().put(bytes(prefix + "/configmaps/ns/cm-" + i), bytes("saved")).get(10, TimeUnit.SECONDS);
            }
            SteadyState saved = SteadyState.capture(c, prefix);
            for (int i = 0; i < 300; i++) {
                c.getKVClient().put(bytes(prefix + "/configmaps/ns/cm-" + i), bytes("changed")).get(10, TimeUnit.SECONDS);
            }

            assertThatThrownBy(() -> saved.restore(c, CommandLines.ETCD_TXN_LIMITS))
                    .hasStackTraceContaining("too many operations in txn request");
            SteadyState.Restored restored = saved.restore(c, TxnLimits.ETCD_DEFAULTS);

            assertThat(restored.transactions()).isEqualTo(3);
            assertThat(restored.written()).isEqualTo(300);
        }
    }

    @Test
    void pagedReadsSeeOneRevisionWhileWritersGoOn() throws Exception {
        String prefix = "/paged/";
        byte[] value = new byte[2048];
        Arrays.fill(value, (byte) 'x');
        for (int i = 0; i < 1234; i++) {
            client.getKVClient().put(bytes(prefix + "k-%05d".formatted(i)), ByteSequence.from(value)).get(10, TimeUnit.SECONDS);
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
            int n = 0;
            while (writing.get()) {
                try {
                    // keys after every key read so far, and changes to the first ones: a later page must show neither
                    client.getKVClient().put(bytes(prefix + "z-" + n), ByteSequence.from(value)).get(10, TimeUnit.SECONDS);
                    client.getKVClient().put(bytes(prefix + "k-00000"), ByteSequence.from("moved " + n, StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                n++;
            }
            return n;
        });
        Keyspace paged;
        try {
            await("the writer got going", () -> !read(prefix + "z-").isEmpty());
            paged = Keyspace.read(client, prefix, 100);
        } finally {
            writing.set(false);
        }
        assertThat(writer.get(30, TimeUnit.SECONDS)).isPositive();

        assertThat(paged.pages()).isGreaterThanOrEqualTo(13);
        assertThat(paged.entries()).allSatisfy(e -> assertThat(e.modRevision()).isLessThanOrEqualTo(paged.revision()));
        Keyspace atThatRevision = keyspaceAt(prefix, paged.revision());
        assertThat(paged.entries()).extracting(Keyspace.Entry::key).containsExactlyElementsOf(
                atThatRevision.entries().stream().map(Keyspace.Entry::key).toList());
        assertThat(paged.bytes()).isEqualTo(atThatRevision.bytes());
    }

    @Test
    void aPageTooLargeForTheClientIsAskedForAgainSmaller() throws Exception {
        String prefix = "/big-values/";
        byte[] value = new byte[8 * 1024];
        for (int i = 0; i < 200; i++) {
            client.getKVClient().put(bytes(prefix + "v-%03d".formatted(i)), ByteSequence.from(value)).get(10, TimeUnit.SECONDS);
        }
        try (Client small = etcd.access().builder().maxInboundMessageSize(256 * 1024).build()) {
            Keyspace read = Keyspace.read(small, prefix, 500);

            assertThat(read.entries()).hasSize(200);
            assertThat(read.pages()).as("pages of at most 31 keys of 8 KiB").isGreaterThanOrEqualTo(200 / 31);
        }
    }

    @Test
    void theLocalBackendsClientTakesMoreThanFourMebibytesInOneAnswer() throws Exception {
        String prefix = "/wide/";
        byte[] value = new byte[64 * 1024];
        for (int i = 0; i < 100; i++) { // 6.4 MiB
            client.getKVClient().put(bytes(prefix + i), ByteSequence.from(value)).get(10, TimeUnit.SECONDS);
        }
        Keyspace read = Keyspace.read(client, prefix, 500);
        assertThat(read.pages()).isEqualTo(1);
        assertThat(read.bytes()).isGreaterThan(6L * 1024 * 1024);
    }

    private static Keyspace keyspaceAt(String prefix, long revision) throws Exception {
        KV kv = client.getKVClient();
        var all = kv.get(bytes(prefix), GetOption.builder().isPrefix(true).withRevision(revision).build()).get(30, TimeUnit.SECONDS);
        List<Keyspace.Entry> entries = new ArrayList<>();
        long total = 0;
        for (var e : all.getKvs()) {
            entries.add(new Keyspace.Entry(e.getKey().toString(StandardCharsets.UTF_8), e.getValue().getBytes(), e.getModRevision()));
            total += e.getKey().size() + e.getValue().size();
        }
        return new Keyspace(prefix, revision, entries, 1, total);
    }

    private static void put(String key, String value) throws Exception {
        client.getKVClient().put(bytes(key), bytes(value)).get(10, TimeUnit.SECONDS);
    }

    private static Map<String, String> read(String prefix) {
        try {
            return client.getKVClient().get(bytes(prefix), GetOption.builder().isPrefix(true).build()).get(10, TimeUnit.SECONDS)
                    .getKvs().stream().collect(Collectors.toMap(kv -> kv.getKey().toString(StandardCharsets.UTF_8),
                            kv -> kv.getValue().toString(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

}
