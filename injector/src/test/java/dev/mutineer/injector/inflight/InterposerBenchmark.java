package dev.mutineer.injector.inflight;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.ByteString;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.EtcdAccess;
import dev.mutineer.cluster.TlsIdentity;
import dev.mutineer.cluster.local.Binaries;
import dev.mutineer.cluster.local.EtcdPkiFiles;
import dev.mutineer.cluster.local.Pki;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
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
 * the same run against etcd directly, through the interposer (no rules), through etcd's own
 * {@code etcd grpc-proxy} from the same binary, and through a {@link TcpRelay} that only copies
 * bytes: the least that one more user-space hop adds on this machine, whatever the relay does.
 * One etcd (--unsafe-no-fsync, as the local cluster runs it, so that disk flushes do not drown the
 * differences); the client is plain grpc-java, the same for all targets. Requests are sent open-loop at a fixed rate per target (a slow answer does
 * not delay the next request); the targets take turns in short rounds (or, with
 * -Dinterleaved=true, run at once with their requests alternating) so that load from elsewhere on
 * the machine falls on all of them alike.
 *
 * <p>On a busy 2-core machine G1's young pauses stretched to 100-200 ms and dominated the
 * interposer's p99; with {@code -XX:+UseSerialGC} they stayed near 3 ms (the relay's live set is
 * small). JVM options go after the benchmark's name.
 *
 * <p>With {@code -Dtls=true} etcd also listens on an https port with the local backend's mutual TLS (a cluster PKI
 * generated here), and two more targets take their turns: {@code direct-tls} (etcd over TLS) and
 * {@code interposer-tls} (the interposer terminating and re-originating TLS, as the local cluster runs it). Each is
 * compared with its own baseline (the TLS targets with direct-tls), and the TLS interposer's added latency is
 * printed as a ratio of the plaintext interposer's, measured in the same rounds.
 *
 * <p>Run: {@code scripts/bench.sh interposer [-Drounds=160] [-Dturn=100 (ms)] [-Drate=1000] [-Dinterleaved=true] [-Dinterposer=process] [-Dtls=true] [-XX:+UseSerialGC]}
 */
public final class InterposerBenchmark {

    private static final ByteString KEY = ByteString.copyFromUtf8("/registry/bench/default/object");
    /** About the size of a stored Pod. */
    private static final ByteString VALUE = ByteString.copyFrom(new byte[3 * 1024]);

    record Target(String name, ManagedChannel channel) {
        /** What this target's added latency is measured against: etcd reached the same way, plaintext or TLS. */
        String baseline() {
            return name.endsWith("-tls") ? "direct-tls" : "direct";
        }

        boolean isBaseline() {
            return name.startsWith("direct");
        }
    }

    enum Op { RANGE, TXN }

    /** The interposer's JVM under -Dinterposer=process, else null. */
    private static Process interposerProcess;

    public static void main(String[] args) throws Exception {
        // Short turns: a stall of the host (shared virtual machines; steal is printed) lasting a
        // second or two spreads over every target's turns instead of landing on one target's tail.
        // Turns of 2 s moved the pooled p99 added by several ms between runs of the same code.
        int rounds = Integer.getInteger("rounds", 160);
        int turnMillis = Integer.getInteger("turn", 100);
        int rate = Integer.getInteger("rate", 1000);
        // Sequential (default): one target at a time, taking turns in short rounds; etcd sees the
        // stated rate. Interleaved: all targets at once, requests alternating, so that every stall
        // falls on all alike, at four times the load.
        boolean interleaved = Boolean.getBoolean("interleaved");
        // -Dinterposer=process: the interposer in a JVM of its own, as grpc-proxy is a process of its own.
        boolean ownProcess = "process".equals(System.getProperty("interposer", "thread"));
        boolean tls = Boolean.getBoolean("tls");
        if (tls && ownProcess) {
            throw new IllegalArgumentException("-Dtls=true runs the TLS interposer in this JVM; drop -Dinterposer=process");
        }
        Path etcdBinary = Binaries.resolve().path(Component.ETCD);
        Path work = Files.createTempDirectory("mutineer-interposer-bench-");
        List<Process> processes = new ArrayList<>();
        EtcdInterposer interposer = new EtcdInterposer();
        EtcdInterposer tlsInterposer = new EtcdInterposer();
        List<Target> targets = new ArrayList<>();
        TcpRelay tcpRelay = null;
        try {
            int client = freePort();
            int peer = freePort();
            URI etcdUrl = URI.create("http://127.0.0.1:" + client);
            List<String> etcd = new ArrayList<>(List.of(etcdBinary.toString(), "--name=bench", "--data-dir=" + work.resolve("etcd-data"),
                    "--listen-peer-urls=http://127.0.0.1:" + peer, "--initial-advertise-peer-urls=http://127.0.0.1:" + peer,
                    "--initial-cluster=bench=http://127.0.0.1:" + peer, "--unsafe-no-fsync=true", "--log-level=warn"));
            int tlsClient = tls ? freePort() : -1;
            EtcdPkiFiles pki = null;
            if (tls) {
                // The same etcd on a second port, with the local backend's mutual TLS: both sides of a turn see one etcd.
                pki = Pki.generate().writeTo(work.resolve("pki")).etcd();
                URI tlsUrl = URI.create("https://127.0.0.1:" + tlsClient);
                etcd.addAll(List.of("--listen-client-urls=" + etcdUrl + "," + tlsUrl, "--advertise-client-urls=" + etcdUrl + "," + tlsUrl,
                        "--client-cert-auth=true", "--trusted-ca-file=" + pki.caCert(),
                        "--cert-file=" + pki.server().cert(), "--key-file=" + pki.server().key()));
            } else {
                etcd.addAll(List.of("--listen-client-urls=" + etcdUrl, "--advertise-client-urls=" + etcdUrl));
            }
            processes.add(start(work, "etcd", etcd.toArray(String[]::new)));
            awaitListening(client);
            int proxyPort = freePort();
            Process proxy = start(work, "grpc-proxy", etcdBinary.toString(), "grpc-proxy", "start",
                    "--endpoints=127.0.0.1:" + client, "--listen-addr=127.0.0.1:" + proxyPort,
                    "--advertise-client-url=127.0.0.1:" + proxyPort, "--data-dir=" + work.resolve("proxy-data"));
            processes.add(proxy);
            awaitListening(proxyPort);
            URI interposed;
            if (ownProcess) {
                // Like grpc-proxy: its own process, not sharing this JVM's heap, GC and JIT with the load generator.
                Process relay = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                        "-cp", System.getProperty("java.class.path"), InterposerProcess.class.getName(), etcdUrl.toString())
                        .redirectError(work.resolve("interposer.log").toFile()).start();
                processes.add(relay);
                interposerProcess = relay;
                interposed = URI.create(new java.io.BufferedReader(new java.io.InputStreamReader(relay.getInputStream())).readLine().trim());
            } else {
                interposed = interposer.start(etcdUrl);
            }

            targets.add(new Target("direct", channel(client)));
            targets.add(new Target("interposer", channel(interposed.getPort())));
            targets.add(new Target("grpc-proxy", channel(proxyPort)));
            // The floor: the same hop with nothing but bytes copied.
            tcpRelay = new TcpRelay(client);
            targets.add(new Target("tcp-relay", channel(tcpRelay.port())));
            if (tls) {
                awaitListening(tlsClient);
                URI tlsInterposed = tlsInterposer.start(EtcdAccess.mutualTls(URI.create("https://127.0.0.1:" + tlsClient),
                        pki.mutineerClient()), pki.interposer());
                // the API server's side: its own etcd client certificate
                targets.add(new Target("direct-tls", tlsChannel(tlsClient, pki.apiserverClient())));
                targets.add(new Target("interposer-tls", tlsChannel(tlsInterposed.getPort(), pki.apiserverClient())));
            }
            KVGrpc.newBlockingStub(targets.get(0).channel()).put(PutRequest.newBuilder().setKey(KEY).setValue(VALUE).build());

            System.out.printf("GC %s (the interposer %s)%n",
                    java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                            .map(java.lang.management.GarbageCollectorMXBean::getName).toList(),
                    ownProcess ? "runs in a JVM of its own, with SerialGC" : "shares this JVM with the load generator");
            System.out.printf("etcd %s; %d rounds x %d ms per operation at %d ops/s to each target (%s); value %d bytes; load average %.1f%n",
                    etcdBinary.getParent().getFileName(), rounds, turnMillis, rate,
                    interleaved ? "interleaved" : "one target at a time", VALUE.size(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            warmUp(targets, rate);
            // Latencies by target and operation, one list per round (the interval resamples rounds).
            Map<String, List<List<Long>>> turns = new LinkedHashMap<>();
            for (Target t : targets) {
                for (Op op : Op.values()) {
                    turns.put(t.name() + " " + op, new ArrayList<>());
                }
            }
            Map<String, Cpu> relayCpu = new LinkedHashMap<>();
            Map<String, Long> steal = new LinkedHashMap<>();
            Map<String, Waits> runQueue = new LinkedHashMap<>();
            Map<String, JvmActivity> activity = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                for (Op op : Op.values()) {
                    if (interleaved) {
                        run(targets, op, rate, turnMillis).forEach((target, l) -> turns.get(target + " " + op).add(l));
                        continue;
                    }
                    for (int i = 0; i < targets.size(); i++) {
                        Target t = targets.get((i + round) % targets.size());
                        String key = t.name() + " " + op;
                        Relay relay = relayOf(t, proxy);
                        Cpu cpu = relay.cpu();
                        Waits waits = relay.waits();
                        long stolen = stealMillis();
                        JvmActivity before = JvmActivity.now();
                        turns.get(key).add(run(List.of(t), op, rate, turnMillis).get(t.name()));
                        relayCpu.merge(key, relay.cpu().minus(cpu), Cpu::plus);
                        runQueue.merge(key, relay.waits().minus(waits), Waits::plus);
                        steal.merge(key, stealMillis() - stolen, Long::sum);
                        activity.merge(key, JvmActivity.now().minus(before), JvmActivity::plus);
                    }
                }
            }
            report(turns, targets, rate);
            confidence(turns, targets);
            if (!interleaved) {
                // Less dependent on how busy the machine is: what one relayed request costs the
                // interposer's threads and the grpc-proxy process.
                // Run-queue wait: the relay had work but every CPU was busy with something else.
                System.out.printf("%nper relayed request%n%-22s %12s %12s %12s %14s %14s%n",
                        "target op", "CPU", "user", "kernel", "run-queue wait", "times on CPU");
                for (String target : tls ? List.of("interposer", "interposer-tls", "grpc-proxy", "tcp-relay")
                        : List.of("interposer", "grpc-proxy", "tcp-relay")) {
                    for (Op op : Op.values()) {
                        Cpu c = relayCpu.get(target + " " + op);
                        Waits q = runQueue.get(target + " " + op);
                        double requests = (double) rounds * turnMillis * rate / 1000;
                        System.out.printf("%-22s %9.1f us %9.1f us %9.1f us %11.1f us %14.2f%n", target + " " + op,
                                (c.user() + c.sys()) / 1e3 / requests, c.user() / 1e3 / requests, c.sys() / 1e3 / requests,
                                q.runQueueNanos() / 1e3 / requests, q.timeslices() / requests);
                    }
                }
                // This JVM is the load generator for every target and the interposer too: its
                // pauses and compilations during a target's turn land on that target's tail.
                System.out.printf("%nwhile measuring: this JVM's collections and compilation; the host's steal%n%-22s %8s %8s %8s %10s%n",
                        "target op", "GCs", "GC ms", "JIT ms", "steal ms");
                activity.forEach((key, a) -> System.out.printf("%-22s %8d %8d %8d %10d%n", key, a.gcs(), a.gcMillis(), a.jitMillis(), steal.get(key)));
            }
        } finally {
            targets.forEach(t -> t.channel().shutdownNow());
            interposer.close();
            tlsInterposer.close();
            if (tcpRelay != null) {
                tcpRelay.close();
            }
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
     * Runs every target and operation in turn, in 1-second slices, until the JIT stops compiling:
     * C2 takes about 10 s on these 2-core machines to finish grpc-java's and Netty's hot paths, and a
     * fixed 2-second warm-up left that work inside the measurement. Settled: a pass over all
     * targets with under 100 ms of compilation, after at least 12 s; at most 90 s.
     */
    private static void warmUp(List<Target> targets, int rate) throws InterruptedException {
        long start = System.nanoTime();
        long jitMillis;
        long elapsed;
        do {
            JvmActivity before = JvmActivity.now();
            for (Target t : targets) {
                for (Op op : Op.values()) {
                    run(List.of(t), op, rate, 1000);
                }
            }
            jitMillis = JvmActivity.now().minus(before).jitMillis();
            elapsed = System.nanoTime() - start;
        } while ((jitMillis >= 100 || elapsed < TimeUnit.SECONDS.toNanos(12)) && elapsed < TimeUnit.SECONDS.toNanos(90));
        System.out.printf("warm-up %.0f s (JIT in its last pass: %d ms)%n", elapsed / 1e9, jitMillis);
    }

    /** Collections, their pause time and JIT compilation time of this JVM so far. */
    record JvmActivity(long gcs, long gcMillis, long jitMillis) {
        static JvmActivity now() {
            long count = 0;
            long millis = 0;
            for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, gc.getCollectionCount());
                millis += Math.max(0, gc.getCollectionTime());
            }
            return new JvmActivity(count, millis, java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
        }

        JvmActivity minus(JvmActivity o) {
            return new JvmActivity(gcs - o.gcs, gcMillis - o.gcMillis, jitMillis - o.jitMillis);
        }

        JvmActivity plus(JvmActivity o) {
            return new JvmActivity(gcs + o.gcs, gcMillis + o.gcMillis, jitMillis + o.jitMillis);
        }
    }

    /**
     * Sends each target one request every 1/rate seconds for this many milliseconds, the targets' requests
     * interleaved (direct, interposer, grpc-proxy, direct, ...) so that a stall of the machine or of
     * etcd falls on all of them alike; answers' latencies in nanoseconds, by target.
     */
    private static Map<String, List<Long>> run(List<Target> targets, Op op, int rate, int millis) throws InterruptedException {
        List<KVGrpc.KVFutureStub> stubs = targets.stream().map(t -> KVGrpc.newFutureStub(t.channel())).toList();
        int n = rate * millis / 1000 * targets.size();
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

    private static void report(Map<String, List<List<Long>>> turns, List<Target> targets, int rate) {
        System.out.printf("%n%-22s %8s %10s %10s %10s%n", "target op", "count", "p50 ms", "p99 ms", "p99.9 ms");
        Map<String, double[]> pct = new LinkedHashMap<>();
        for (Map.Entry<String, List<List<Long>>> e : turns.entrySet()) {
            long[] sorted = e.getValue().stream().flatMap(List::stream).mapToLong(Long::longValue).sorted().toArray();
            double[] p = {percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 99.9)};
            pct.put(e.getKey(), p);
            System.out.printf("%-22s %8d %10.3f %10.3f %10.3f%n", e.getKey(), sorted.length, p[0], p[1], p[2]);
        }
        System.out.printf("%nadded over direct etcd (the -tls targets: over direct-tls) at %d ops/s (target: p99 added <= 1 ms)%n", rate);
        System.out.printf("%-22s %12s %12s%n", "target op", "p50 added", "p99 added");
        for (Target t : targets) {
            if (t.isBaseline()) {
                continue;
            }
            for (Op op : Op.values()) {
                double[] direct = pct.get(t.baseline() + " " + op);
                double[] via = pct.get(t.name() + " " + op);
                System.out.printf("%-22s %9.3f ms %9.3f ms%n", t.name() + " " + op, via[0] - direct[0], via[1] - direct[1]);
            }
        }
        if (pct.containsKey("interposer-tls " + Op.RANGE)) {
            System.out.printf("%nTLS against plaintext, same rounds%n%-22s %14s %14s %14s%n", "op", "direct p50", "added p50", "added p99");
            for (Op op : Op.values()) {
                double[] direct = pct.get("direct " + op);
                double[] directTls = pct.get("direct-tls " + op);
                double[] plain = pct.get("interposer " + op);
                double[] tls = pct.get("interposer-tls " + op);
                System.out.printf("%-22s %13.2fx %13.2fx %13.2fx%n", op, directTls[0] / direct[0],
                        (tls[0] - directTls[0]) / (plain[0] - direct[0]), (tls[1] - directTls[1]) / (plain[1] - direct[1]));
            }
        }
    }

    /**
     * How sure the p99 added is: a 95% interval from 1,000 bootstrap resamples of whole rounds.
     * Each resample draws rounds with replacement and takes the same rounds for the target and for
     * direct etcd, so a stall of the host counts against both, as it did when measured; the samples
     * within a round stay together, as stalls make neighbouring requests slow together.
     */
    private static void confidence(Map<String, List<List<Long>>> turns, List<Target> targets) {
        int resamples = 1000;
        java.util.Random random = new java.util.Random(1);
        System.out.printf("%np99 added, 95%% interval (bootstrap over rounds, %d resamples)%n%-22s %12s %12s%n",
                resamples, "target op", "low", "high");
        for (Target t : targets) {
            if (t.isBaseline()) {
                continue;
            }
            for (Op op : Op.values()) {
                List<List<Long>> direct = turns.get(t.baseline() + " " + op);
                List<List<Long>> via = turns.get(t.name() + " " + op);
                int rounds = Math.min(direct.size(), via.size());
                double[] added = new double[resamples];
                for (int r = 0; r < resamples; r++) {
                    int[] picks = random.ints(rounds, 0, rounds).toArray();
                    added[r] = p99Of(via, picks) - p99Of(direct, picks);
                }
                java.util.Arrays.sort(added);
                System.out.printf("%-22s %9.3f ms %9.3f ms%n", t.name() + " " + op,
                        added[(int) (resamples * 0.025)], added[(int) (resamples * 0.975) - 1]);
            }
        }
    }

    private static double p99Of(List<List<Long>> rounds, int[] picks) {
        long[] all = java.util.Arrays.stream(picks).mapToObj(rounds::get).flatMap(List::stream).mapToLong(Long::longValue).toArray();
        java.util.Arrays.sort(all);
        return percentile(all, 99);
    }

    /** CPU time, in nanoseconds, in user space and in the kernel. */
    record Cpu(long user, long sys) {
        static final Cpu NONE = new Cpu(0, 0);

        Cpu minus(Cpu o) {
            return new Cpu(user - o.user, sys - o.sys);
        }

        Cpu plus(Cpu o) {
            return new Cpu(user + o.user, sys + o.sys);
        }
    }

    /** Time a relay's threads waited runnable for a CPU, in nanoseconds, and how often they were put on one. */
    record Waits(long runQueueNanos, long timeslices) {
        Waits minus(Waits o) {
            return new Waits(runQueueNanos - o.runQueueNanos, timeslices - o.timeslices);
        }

        Waits plus(Waits o) {
            return new Waits(runQueueNanos + o.runQueueNanos, timeslices + o.timeslices);
        }
    }

    /**
     * Where a target's relay runs: a process of its own, or this JVM's threads whose names start with
     * threadPrefix; neither for direct etcd.
     */
    record Relay(Process process, String threadPrefix) {
        static final Relay NONE = new Relay(null, null);

        /** CPU time so far; for a process of its own that includes its GC and JIT threads. */
        Cpu cpu() throws IOException {
            if (process != null) {
                // /proc/PID/stat fields 14 and 15: user and system time in clock ticks (100 per second).
                String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return new Cpu(Long.parseLong(f[11]) * 10_000_000L, Long.parseLong(f[12]) * 10_000_000L);
            }
            if (threadPrefix == null) {
                return Cpu.NONE;
            }
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long user = 0;
            long total = 0;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith(threadPrefix)) {
                    user += Math.max(0, mx.getThreadUserTime(t.getId()));
                    total += Math.max(0, mx.getThreadCpuTime(t.getId()));
                }
            }
            return new Cpu(user, total - user);
        }

        /** From /proc/PID/task/TID/schedstat: "on-CPU ns, run-queue wait ns, timeslices". */
        Waits waits() throws IOException {
            if (process == null && threadPrefix == null) {
                return new Waits(0, 0);
            }
            Path tasks = Path.of("/proc", process != null ? Long.toString(process.pid()) : "self", "task");
            // The kernel keeps a thread's name cut to 15 characters.
            String comm = threadPrefix == null ? "" : threadPrefix.substring(0, Math.min(15, threadPrefix.length()));
            long wait = 0;
            long slices = 0;
            try (Stream<Path> list = Files.list(tasks)) {
                for (Path task : list.toList()) {
                    try {
                        if (!Files.readString(task.resolve("comm")).startsWith(comm)) {
                            continue;
                        }
                        String[] f = Files.readString(task.resolve("schedstat")).trim().split(" ");
                        wait += Long.parseLong(f[1]);
                        slices += Long.parseLong(f[2]);
                    } catch (IOException threadGone) {
                        // a thread that ended meanwhile
                    }
                }
            }
            return new Waits(wait, slices);
        }
    }

    private static Relay relayOf(Target target, Process proxy) {
        return switch (target.name()) {
            // interposer-tls: the plaintext interposer's threads idle during its turns (one target at a time)
            case "interposer", "interposer-tls" -> interposerProcess != null ? new Relay(interposerProcess, null) : new Relay(null, "mutineer-interposer");
            case "grpc-proxy" -> new Relay(proxy, null);
            case "tcp-relay" -> new Relay(null, TcpRelay.THREAD_PREFIX);
            default -> Relay.NONE;
        };
    }

    /** Time the hypervisor ran something else while this machine had work (steal, all CPUs), in ms. */
    private static long stealMillis() throws IOException {
        // /proc/stat "cpu user nice system idle iowait irq softirq steal ...", in clock ticks.
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        return f.length > 8 ? Long.parseLong(f[8]) * 10 : 0;
    }

    private static double percentile(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static ManagedChannel channel(int port) {
        return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    private static ManagedChannel tlsChannel(int port, TlsIdentity client) throws javax.net.ssl.SSLException {
        return NettyChannelBuilder.forAddress("127.0.0.1", port).sslContext(GrpcSslContexts.forClient()
                .trustManager(client.caCert().toFile()).keyManager(client.cert().toFile(), client.key().toFile()).build()).build();
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
