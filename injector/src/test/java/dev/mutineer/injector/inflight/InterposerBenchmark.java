package dev.mutineer.injector.inflight;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.ByteString;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.local.Binaries;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Latency the interposer adds per Range and Txn at about 1,000 operations per second, measured in
 * the same run against etcd directly, through the interposer (no rules), and through etcd's own
 * {@code etcd grpc-proxy} from the same binary. One etcd (--unsafe-no-fsync, as the local cluster
 * runs it, so that disk flushes do not drown the differences); the client is plain grpc-java, the
 * same for all three. Requests are sent open-loop at a fixed rate per target (a slow answer does
 * not delay the next request); the targets take turns in short rounds (or, with
 * -Dinterleaved=true, run at once with their requests alternating) so that load from elsewhere on
 * the machine falls on all of them alike.
 *
 * <p>On a busy 2-core machine G1's young pauses stretched to 100-200 ms and dominated the
 * interposer's p99; with {@code -XX:+UseSerialGC} they stayed near 3 ms (the relay's live set is
 * small). JVM options go after the benchmark's name.
 *
 * <p>Run: {@code scripts/bench.sh interposer [-Drounds=8] [-Dseconds=2] [-Drate=1000] [-Dinterleaved=true] [-XX:+UseSerialGC]}
 */
public final class InterposerBenchmark {

    private static final ByteString KEY = ByteString.copyFromUtf8("/registry/bench/default/object");
    /** About the size of a stored Pod. */
    private static final ByteString VALUE = ByteString.copyFrom(new byte[3 * 1024]);

    record Target(String name, ManagedChannel channel) {
    }

    enum Op { RANGE, TXN }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("rounds", 8);
        int seconds = Integer.getInteger("seconds", 2);
        int rate = Integer.getInteger("rate", 1000);
        // Sequential (default): one target at a time, taking turns in short rounds; etcd sees the
        // stated rate. Interleaved: all three at once, requests alternating, so that every stall
        // falls on all alike, at three times the load.
        boolean interleaved = Boolean.getBoolean("interleaved");
        Path etcdBinary = Binaries.resolve().path(Component.ETCD);
        Path work = Files.createTempDirectory("mutineer-interposer-bench-");
        List<Process> processes = new ArrayList<>();
        EtcdInterposer interposer = new EtcdInterposer();
        List<Target> targets = new ArrayList<>();
        try {
            int client = freePort();
            int peer = freePort();
            URI etcdUrl = URI.create("http://127.0.0.1:" + client);
            processes.add(start(work, "etcd", etcdBinary.toString(), "--name=bench", "--data-dir=" + work.resolve("etcd-data"),
                    "--listen-client-urls=" + etcdUrl, "--advertise-client-urls=" + etcdUrl,
                    "--listen-peer-urls=http://127.0.0.1:" + peer, "--initial-advertise-peer-urls=http://127.0.0.1:" + peer,
                    "--initial-cluster=bench=http://127.0.0.1:" + peer, "--unsafe-no-fsync=true", "--log-level=warn"));
            awaitListening(client);
            int proxyPort = freePort();
            Process proxy = start(work, "grpc-proxy", etcdBinary.toString(), "grpc-proxy", "start",
                    "--endpoints=127.0.0.1:" + client, "--listen-addr=127.0.0.1:" + proxyPort,
                    "--advertise-client-url=127.0.0.1:" + proxyPort, "--data-dir=" + work.resolve("proxy-data"));
            processes.add(proxy);
            awaitListening(proxyPort);
            URI interposed = interposer.start(etcdUrl);

            targets.add(new Target("direct", channel(client)));
            targets.add(new Target("interposer", channel(interposed.getPort())));
            targets.add(new Target("grpc-proxy", channel(proxyPort)));
            KVGrpc.newBlockingStub(targets.get(0).channel()).put(PutRequest.newBuilder().setKey(KEY).setValue(VALUE).build());

            System.out.printf("GC %s (the interposer shares this JVM with the load generator)%n",
                    java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                            .map(java.lang.management.GarbageCollectorMXBean::getName).toList());
            System.out.printf("etcd %s; %d rounds x %d s per operation at %d ops/s to each target (%s); value %d bytes; load average %.1f%n",
                    etcdBinary.getParent().getFileName(), rounds, seconds, rate,
                    interleaved ? "interleaved" : "one target at a time", VALUE.size(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            for (Op op : Op.values()) {
                run(targets, op, rate, 2); // warm-up: connections, JIT
            }
            Map<String, List<Long>> samples = new LinkedHashMap<>();
            Map<String, Long> relayCpu = new LinkedHashMap<>();
            for (Target t : targets) {
                for (Op op : Op.values()) {
                    samples.put(t.name() + " " + op, new ArrayList<>());
                }
            }
            for (int round = 0; round < rounds; round++) {
                for (Op op : Op.values()) {
                    if (interleaved) {
                        run(targets, op, rate, seconds).forEach((target, l) -> samples.get(target + " " + op).addAll(l));
                        continue;
                    }
                    for (int i = 0; i < targets.size(); i++) {
                        Target t = targets.get((i + round) % targets.size());
                        long cpu = relayCpuNanos(t, proxy);
                        samples.get(t.name() + " " + op).addAll(run(List.of(t), op, rate, seconds).get(t.name()));
                        relayCpu.merge(t.name() + " " + op, relayCpuNanos(t, proxy) - cpu, Long::sum);
                    }
                }
            }
            report(samples, targets, rate);
            if (!interleaved) {
                // Less dependent on how busy the machine is: what one relayed request costs the
                // interposer's threads and the grpc-proxy process.
                System.out.printf("%nCPU per relayed request%n");
                for (String target : List.of("interposer", "grpc-proxy")) {
                    for (Op op : Op.values()) {
                        System.out.printf("%-22s %9.1f us%n", target + " " + op,
                                relayCpu.get(target + " " + op) / 1e3 / ((long) rounds * seconds * rate));
                    }
                }
            }
        } finally {
            targets.forEach(t -> t.channel().shutdownNow());
            interposer.close();
            for (Process p : processes) {
                p.destroy();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Sends each target one request every 1/rate seconds for this long, the targets' requests
     * interleaved (direct, interposer, grpc-proxy, direct, ...) so that a stall of the machine or of
     * etcd falls on all of them alike; answers' latencies in nanoseconds, by target.
     */
    private static Map<String, List<Long>> run(List<Target> targets, Op op, int rate, int seconds) throws InterruptedException {
        List<KVGrpc.KVFutureStub> stubs = targets.stream().map(t -> KVGrpc.newFutureStub(t.channel())).toList();
        int n = rate * seconds * targets.size();
        long[] latencies = new long[n];
        CountDownLatch done = new CountDownLatch(n);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate / targets.size();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long wait = t0 + i * interval - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            KVGrpc.KVFutureStub kv = stubs.get(i % targets.size());
            long sent = System.nanoTime();
            ListenableFuture<?> answer = op == Op.RANGE ? kv.range(RangeRequest.newBuilder().setKey(KEY).build()) : kv.txn(txn());
            Futures.addCallback(answer, new FutureCallback<Object>() {
                @Override
                public void onSuccess(Object result) {
                    latencies[index] = System.nanoTime() - sent;
                    done.countDown();
                }

                @Override
                public void onFailure(Throwable t) {
                    latencies[index] = -1;
                    done.countDown();
                }
            }, MoreExecutors.directExecutor());
        }
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(op + ": answers missing after 30 s");
        }
        Map<String, List<Long>> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String target = targets.get(i % targets.size()).name();
            if (latencies[i] < 0) {
                throw new IllegalStateException(target + " " + op + ": a request failed");
            }
            out.computeIfAbsent(target, k -> new ArrayList<>()).add(latencies[i]);
        }
        return out;
    }

    /** The shape of the API server's update: put if the object is where we think, else read it back. */
    private static TxnRequest txn() {
        return TxnRequest.newBuilder()
                .addCompare(Compare.newBuilder().setKey(KEY).setTarget(Compare.CompareTarget.MOD)
                        .setResult(Compare.CompareResult.GREATER).setModRevision(0))
                .addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(KEY).setValue(VALUE)))
                .addFailure(RequestOp.newBuilder().setRequestRange(RangeRequest.newBuilder().setKey(KEY)))
                .build();
    }

    private static void report(Map<String, List<Long>> samples, List<Target> targets, int rate) {
        System.out.printf("%n%-22s %8s %10s %10s %10s%n", "target op", "count", "p50 ms", "p99 ms", "p99.9 ms");
        Map<String, double[]> pct = new LinkedHashMap<>();
        for (Map.Entry<String, List<Long>> e : samples.entrySet()) {
            long[] sorted = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            double[] p = {percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 99.9)};
            pct.put(e.getKey(), p);
            System.out.printf("%-22s %8d %10.3f %10.3f %10.3f%n", e.getKey(), sorted.length, p[0], p[1], p[2]);
        }
        System.out.printf("%nadded over direct etcd at %d ops/s (target: p99 added <= 1 ms)%n", rate);
        System.out.printf("%-22s %12s %12s%n", "target op", "p50 added", "p99 added");
        for (Target t : targets.subList(1, targets.size())) {
            for (Op op : Op.values()) {
                double[] direct = pct.get("direct " + op);
                double[] via = pct.get(t.name() + " " + op);
                System.out.printf("%-22s %9.3f ms %9.3f ms%n", t.name() + " " + op, via[0] - direct[0], via[1] - direct[1]);
            }
        }
    }

    /** CPU time so far of the interposer's threads, or of the grpc-proxy process; 0 for direct. */
    private static long relayCpuNanos(Target target, Process proxy) throws IOException {
        switch (target.name()) {
            case "interposer" -> {
                return interposerCpuNanos();
            }
            case "grpc-proxy" -> {
                // /proc/PID/stat fields 14 and 15: user and system time in clock ticks (100 per second).
                String stat = Files.readString(Path.of("/proc/" + proxy.pid() + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
            }
            default -> {
                return 0;
            }
        }
    }

    private static long interposerCpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("mutineer-interposer"))
                .mapToLong(t -> Math.max(0, mx.getThreadCpuTime(t.getId()))).sum();
    }

    private static double percentile(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static ManagedChannel channel(int port) {
        return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    private static Process start(Path work, String name, String... command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nothing listens on 127.0.0.1:" + port + " after 20 s");
    }

    private InterposerBenchmark() {
    }
}
