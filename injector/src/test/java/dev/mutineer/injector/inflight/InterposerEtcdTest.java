package dev.mutineer.injector.inflight;

import dev.mutineer.cluster.EtcdAccess;
import dev.mutineer.injector.testing.PlainEtcd;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.grpc.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The interposer between jetcd and one real etcd: relaying, and each rule type's effect on the wire. */
class InterposerEtcdTest {

    static PlainEtcd etcd;
    static EtcdInterposer interposer;
    static Client direct;
    static Client through;

    @BeforeAll
    static void start() throws Exception {
        etcd = PlainEtcd.start();
        interposer = new EtcdInterposer();
        interposer.start(etcd.access().endpoints().get(0));
        direct = etcd.connect();
        through = EtcdAccess.plain(interposer.url()).connect();
    }

    @AfterAll
    static void stop() {
        if (through != null) {
            through.close();
        }
        if (direct != null) {
            direct.close();
        }
        if (interposer != null) {
            interposer.close();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    @AfterEach
    void clearRules() {
        interposer.rules().clearAll();
    }

    @Test
    void relaysUnaryStreamingAndLeaseCallsUnchanged() throws Exception {
        KV kv = through.getKVClient();
        kv.put(bs("/t/relay/a"), bs("1")).get(5, TimeUnit.SECONDS);
        assertThat(value(direct, "/t/relay/a")).isEqualTo("1");

        TxnResponse txn = kv.txn().If(new Cmp(bs("/t/relay/a"), Cmp.Op.EQUAL, CmpTarget.value(bs("1"))))
                .Then(Op.put(bs("/t/relay/a"), bs("2"), PutOption.DEFAULT)).commit().get(5, TimeUnit.SECONDS);
        assertThat(txn.isSucceeded()).isTrue();
        assertThat(value(direct, "/t/relay/a")).isEqualTo("2");

        // Lease grant (unary) and keep-alive (bidi stream), then a key bound to the lease.
        long lease = through.getLeaseClient().grant(30).get(5, TimeUnit.SECONDS).getID();
        assertThat(through.getLeaseClient().keepAliveOnce(lease).get(5, TimeUnit.SECONDS).getTTL()).isPositive();
        kv.put(bs("/t/relay/leased"), bs("x"), PutOption.builder().withLeaseId(lease).build()).get(5, TimeUnit.SECONDS);
        assertThat(direct.getLeaseClient().timeToLive(lease, io.etcd.jetcd.options.LeaseOption.DEFAULT)
                .get(5, TimeUnit.SECONDS).getTTL()).isPositive();

        // Maintenance and Cluster: status and member list come back from etcd itself.
        assertThat(through.getClusterClient().listMember().get(5, TimeUnit.SECONDS).getMembers()).hasSize(1);
        assertThat(through.getMaintenanceClient().statusMember(interposer.url().toString()).get(5, TimeUnit.SECONDS)
                .getVersion()).startsWith("3.6");

        List<String> seen = watch("/t/relay/w/");
        direct.getKVClient().put(bs("/t/relay/w/1"), bs("a")).get(5, TimeUnit.SECONDS);
        direct.getKVClient().put(bs("/t/relay/w/2"), bs("b")).get(5, TimeUnit.SECONDS);
        awaitSize(seen, 2);
        assertThat(seen).containsExactly("/t/relay/w/1=a", "/t/relay/w/2=b");
    }

    @Test
    void droppedWriteAnswersSuccessButNeverReachesEtcd() throws Exception {
        direct.getKVClient().put(bs("/t/drop/k"), bs("before")).get(5, TimeUnit.SECONDS);
        long revisionBefore = direct.getKVClient().get(bs("/t/drop/k")).get(5, TimeUnit.SECONDS).getHeader().getRevision();
        ActiveRule rule = interposer.rules().install(Rule.of("drop", Selector.writes("/t/drop/"), Count.nth(1), new Action.DropWrite()));

        TxnResponse txn = through.getKVClient().txn().Then(Op.put(bs("/t/drop/k"), bs("lost"), PutOption.DEFAULT))
                .commit().get(5, TimeUnit.SECONDS);
        assertThat(txn.isSucceeded()).isTrue();
        assertThat(txn.getHeader().getRevision()).isEqualTo(revisionBefore);
        assertThat(value(direct, "/t/drop/k")).isEqualTo("before");

        // Only the first matching write: the second goes through.
        through.getKVClient().put(bs("/t/drop/k"), bs("kept")).get(5, TimeUnit.SECONDS);
        assertThat(value(direct, "/t/drop/k")).isEqualTo("kept");
        assertThat(rule.evidence()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("/t/drop/k");
            assertThat(f.revision()).isEqualTo(revisionBefore);
        });
    }

    @Test
    void failedWriteReturnsTheChosenStatus() throws Exception {
        interposer.rules().install(Rule.of("fail", Selector.writes("/t/fail/"), Count.every(),
                new Action.Fail(Status.Code.RESOURCE_EXHAUSTED, "injected")));
        assertThatThrownBy(() -> through.getKVClient().put(bs("/t/fail/k"), bs("v")).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("RESOURCE_EXHAUSTED");
        assertThat(direct.getKVClient().get(bs("/t/fail/k")).get(5, TimeUnit.SECONDS).getKvs()).isEmpty();
        // Other keys are untouched.
        through.getKVClient().put(bs("/t/other/k"), bs("v")).get(5, TimeUnit.SECONDS);
    }

    @Test
    void latencyRuleDelaysOnlyItsMethod() throws Exception {
        direct.getKVClient().put(bs("/t/lat/k"), bs("v")).get(5, TimeUnit.SECONDS);
        interposer.rules().install(Rule.of("slow-range", Selector.methods("KV/Range"), Count.every(),
                new Action.AddLatency(Duration.ofMillis(300))));
        long t0 = System.nanoTime();
        assertThat(value(through, "/t/lat/k")).isEqualTo("v");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        long t1 = System.nanoTime();
        through.getKVClient().put(bs("/t/lat/k"), bs("w")).get(5, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - t1)).isLessThan(Duration.ofMillis(250));
    }

    @Test
    void mutateRuleChangesTheStoredBytes() throws Exception {
        interposer.rules().install(Rule.of("flip", Selector.writes("/t/mut/"), Count.every(),
                new Action.MutateValue("bit-flip", java.util.Map.of(), 7)));
        through.getKVClient().put(bs("/t/mut/k"), bs("{\"a\":1}")).get(5, TimeUnit.SECONDS);
        assertThat(value(direct, "/t/mut/k")).isNotEqualTo("{\"a\":1}").hasSize(7);
        assertThat(interposer.rules().rule("flip").orElseThrow().evidence()).singleElement()
                .satisfies(f -> assertThat(f.effect()).startsWith("mutated /t/mut/k"));
    }

    @Test
    void heldWatchDeliversNothingUntilClearedThenEverythingInOrder() throws Exception {
        List<String> seen = watch("/t/hold/");
        direct.getKVClient().put(bs("/t/hold/0"), bs("x")).get(5, TimeUnit.SECONDS);
        awaitSize(seen, 1);
        interposer.rules().install(Rule.of("hold", Selector.watch("/t/hold/"), Count.every(), new Action.HoldWatch()));
        for (int i = 1; i <= 3; i++) {
            direct.getKVClient().put(bs("/t/hold/" + i), bs("v" + i)).get(5, TimeUnit.SECONDS);
        }
        Thread.sleep(500);
        assertThat(seen).containsExactly("/t/hold/0=x");
        interposer.rules().clear("hold");
        awaitSize(seen, 4);
        assertThat(seen).containsExactly("/t/hold/0=x", "/t/hold/1=v1", "/t/hold/2=v2", "/t/hold/3=v3");
    }

    @Test
    void watchEventsCanBeDroppedDuplicatedAndReordered() throws Exception {
        List<String> dropped = watch("/t/wdrop/");
        interposer.rules().install(Rule.of("drop-2nd", Selector.watch("/t/wdrop/"), Count.nth(2), new Action.DropWatchEvents()));
        for (int i = 1; i <= 3; i++) {
            direct.getKVClient().put(bs("/t/wdrop/" + i), bs("v")).get(5, TimeUnit.SECONDS);
        }
        awaitSize(dropped, 2);
        Thread.sleep(300);
        assertThat(dropped).containsExactly("/t/wdrop/1=v", "/t/wdrop/3=v");

        List<String> twice = watch("/t/wdup/");
        interposer.rules().install(Rule.of("dup", Selector.watch("/t/wdup/"), Count.every(), new Action.DuplicateWatchEvents()));
        direct.getKVClient().put(bs("/t/wdup/1"), bs("v")).get(5, TimeUnit.SECONDS);
        awaitSize(twice, 2);
        assertThat(twice).containsExactly("/t/wdup/1=v", "/t/wdup/1=v");

        List<String> reordered = watch("/t/wre/");
        interposer.rules().install(Rule.of("reorder", Selector.watch("/t/wre/"), Count.every(), new Action.ReorderWatchEvents(3)));
        for (int i = 1; i <= 3; i++) {
            direct.getKVClient().put(bs("/t/wre/" + i), bs("v")).get(5, TimeUnit.SECONDS);
        }
        awaitSize(reordered, 3);
        assertThat(reordered).containsExactly("/t/wre/3=v", "/t/wre/2=v", "/t/wre/1=v");
    }

    @Test
    void delayedWatchArrivesAfterTheDelay() throws Exception {
        List<String> seen = watch("/t/delay/");
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        interposer.rules().install(Rule.of("delay", Selector.watch("/t/delay/"), Count.every(),
                new Action.DelayWatch(Duration.ofMillis(800))));
        long t0 = System.nanoTime();
        direct.getKVClient().put(bs("/t/delay/1"), bs("v")).get(5, TimeUnit.SECONDS);
        awaitSize(seen, 1);
        arrivals.add(System.nanoTime() - t0);
        assertThat(Duration.ofNanos(arrivals.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(800));
    }

    @Test
    void probabilityDrawsFromTheSeedSoARunRepeats() throws Exception {
        List<Integer> firstRun = droppedOf20("/t/p1/", 42);
        List<Integer> secondRun = droppedOf20("/t/p2/", 42);
        assertThat(firstRun).isEqualTo(secondRun).isNotEmpty().hasSizeLessThan(20);
        java.util.Random expected = new java.util.Random(42);
        List<Integer> drawn = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            if (expected.nextDouble() < 0.5) {
                drawn.add(i);
            }
        }
        assertThat(firstRun).isEqualTo(drawn);
    }

    private List<Integer> droppedOf20(String prefix, long seed) throws Exception {
        interposer.rules().install(Rule.of("p" + prefix, Selector.writes(prefix), Count.withProbability(0.5, seed), new Action.DropWrite()));
        for (int i = 0; i < 20; i++) {
            through.getKVClient().put(bs(prefix + i), bs("v")).get(5, TimeUnit.SECONDS);
        }
        List<Integer> dropped = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            if (value(direct, prefix + i) == null) {
                dropped.add(i);
            }
        }
        return dropped;
    }

    @Test
    void holdEndsWithItsWindow() throws Exception {
        List<String> seen = watch("/t/window/");
        interposer.rules().install(Rule.of("hold-briefly", Selector.watch("/t/window/"), Count.every(), new Action.HoldWatch())
                .activeFor(Duration.ofMillis(1500)));
        direct.getKVClient().put(bs("/t/window/1"), bs("v")).get(5, TimeUnit.SECONDS);
        Thread.sleep(700);
        assertThat(seen).isEmpty();
        awaitSize(seen, 1);
        assertThat(interposer.rules().rule("hold-briefly").orElseThrow().active()).isFalse();
    }

    @Test
    void closingTheClientsWatchEndsTheWatchStreamAtEtcd() throws Exception {
        long before = etcdGauge("etcd_debugging_mvcc_watch_stream_total");
        try (Client own = EtcdAccess.plain(interposer.url()).connect()) {
            own.getWatchClient().watch(bs("/t/cancel/"), WatchOption.builder().isPrefix(true).build(), Watch.listener(r -> { }));
            awaitGauge("etcd_debugging_mvcc_watch_stream_total", before + 1);
        }
        awaitGauge("etcd_debugging_mvcc_watch_stream_total", before);
    }

    private static void awaitGauge(String name, long value) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (etcdGauge(name) != value && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(etcdGauge(name)).as(name).isEqualTo(value);
    }

    /** A gauge from etcd's own /metrics. */
    private static long etcdGauge(String name) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        String body = http.send(java.net.http.HttpRequest.newBuilder(etcd.access().endpoints().get(0).resolve("/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(l -> l.startsWith(name + " ")).mapToLong(l -> (long) Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("etcd has no metric " + name));
    }

    // -------------------------------------------------------------------------------------

    private List<String> watch(String prefix) throws InterruptedException {
        List<String> seen = new CopyOnWriteArrayList<>();
        Watch.Listener listener = Watch.listener(r -> {
            for (WatchEvent e : r.getEvents()) {
                seen.add(e.getKeyValue().getKey().toString(StandardCharsets.UTF_8) + "="
                        + e.getKeyValue().getValue().toString(StandardCharsets.UTF_8));
            }
        });
        through.getWatchClient().watch(bs(prefix), WatchOption.builder().isPrefix(true).build(), listener);
        Thread.sleep(300); // the watch is created asynchronously; events before that would be missed
        return seen;
    }

    private static void awaitSize(List<String> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(list).as("received within 10 s").hasSizeGreaterThanOrEqualTo(size);
    }

    private static String value(Client client, String key) throws Exception {
        var kvs = client.getKVClient().get(bs(key)).get(5, TimeUnit.SECONDS).getKvs();
        return kvs.isEmpty() ? null : kvs.get(0).getValue().toString(StandardCharsets.UTF_8);
    }

    private static ByteSequence bs(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
