package dev.mutineer.campaign.bench;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.campaign.run.CampaignRunner;
import dev.mutineer.campaign.run.PhaseTimes;
import dev.mutineer.campaign.run.Progress;
import dev.mutineer.campaign.run.SpecJson;
import dev.mutineer.campaign.run.TestCampaigns;
import dev.mutineer.cluster.Poll;
import dev.mutineer.cluster.local.LocalCluster;
import dev.mutineer.cluster.node.NodeImages;
import dev.mutineer.cluster.node.NodePrerequisites;
import dev.mutineer.cluster.node.RealNode;
import dev.mutineer.results.Journal;
import dev.mutineer.results.JournalRecord;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What real nodes cost, in one run, against kwok-only (scripts/bench.sh realnodes): cold start to Ready with 1 and 2
 * real nodes beside 3 kwok nodes; idle CPU and memory of a real node's kubelet, containerd and kube-proxy; pod start
 * latency (create to Ready) on a real node; and a small quickstart-like campaign at a 30 s window, once with one real
 * node and once kwok-only: its reset time and injections per hour. Prints figures beside their targets; no pass/fail.
 *
 * <p>The workload is examples/workloads once its images are real (built here, {@code mutineer.local/...}), else
 * examples/echo; on the shop workload the campaign with a real node has the quickstart's client traffic, which its
 * reset waits for. Options: -Druns=N cold starts per figure (1), -Dwindow=S observation window in seconds (30),
 * -Dsample=N injections per operator (2), -DidleSeconds=S (20), -Dpods=N pod starts (5); -DrealResults=DIR and
 * -DkwokResults=DIR read the journal a finished campaign of this benchmark left there instead of running it again;
 * -Donly=reset runs the two campaigns only (no cold starts, idle figures or pod starts). Each figure is also printed
 * as soon as it is measured; the reset's time is split by phase from its debug lines ({@code ResetTimings}).
 */
public final class RealNodesBenchmark {

    private static final int KWOK_NODES = 3;
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    public static void main(String[] args) throws Exception {
        // Before any logger exists: slf4j-simple reads its levels once.
        System.setProperty("org.slf4j.simpleLogger.log.dev.mutineer.campaign.run.SteadyStateReset", "debug");
        ResetLines resetLines = ResetLines.teeStderr();
        boolean resetOnly = "reset".equals(System.getProperty("only"));
        List<String> missing = NodePrerequisites.missing();
        if (!missing.isEmpty()) {
            System.out.println("real nodes cannot run here: " + NodePrerequisites.message(missing));
            System.exit(3);
        }
        int runs = Integer.getInteger("runs", 1);
        int window = Integer.getInteger("window", 30);
        NodeImages.httpEcho(); // built once and cached: not part of any start
        System.out.printf("machine: %d cores, load average %s; %d cold start(s) per figure; kwok nodes: %d%n%n",
                Runtime.getRuntime().availableProcessors(), Machine.loadAverage(), runs, KWOK_NODES);
        Map<Integer, List<Double>> cold = new LinkedHashMap<>();
        Map<String, double[]> idle = new LinkedHashMap<>();
        List<Long> podStarts = new ArrayList<>();
        if (!resetOnly) {
            coldStarts(runs, cold, idle, podStarts);
        }

        Workload workload = Workload.pick();
        System.out.printf("%ncampaign workload: %s%n", workload.dir());
        resetLines.clear();
        List<PhaseTimes> realPhases = campaign(workload, 1, window, System.getProperty("realResults"));
        Map<String, List<Long>> realSplit = resetLines.split();
        resetLines.clear();
        List<PhaseTimes> kwokPhases = campaign(workload, 0, window, System.getProperty("kwokResults"));
        Map<String, List<Long>> kwokSplit = resetLines.split();

        System.out.println();
        System.out.printf("=== real nodes (figures, targets beside; load average %s) ===%n", Machine.loadAverage());
        if (!resetOnly) {
            printColdStarts(cold, idle, podStarts);
        }
        long realReset = medianOf(realPhases, PhaseTimes::restoreMillis);
        long kwokReset = medianOf(kwokPhases, PhaseTimes::restoreMillis);
        System.out.printf("reset, 1 real node                      median %5d ms, max %5d ms (%d injections)%n", realReset,
                maxOf(realPhases, PhaseTimes::restoreMillis), realPhases.size());
        System.out.printf("reset, kwok-only                        median %5d ms, max %5d ms (%d injections)%n", kwokReset,
                maxOf(kwokPhases, PhaseTimes::restoreMillis), kwokPhases.size());
        System.out.printf("reset, real minus kwok-only             %+6.2f s (%.2fx kwok-only)   target <= +3 s%n",
                (realReset - kwokReset) / 1000.0, (double) realReset / kwokReset);
        System.out.println("reset split, 1 real node (medians over every reset, golden runs' too): " + medians(realSplit));
        System.out.println("reset split, kwok-only: " + medians(kwokSplit));
        System.out.printf("injections per hour at a %d s window, 1 real node  %5.0f (%d injections)   target >= 80%n",
                window, perHour(realPhases), realPhases.size());
        System.out.printf("injections per hour at a %d s window, kwok-only    %5.0f (%d injections)%n",
                window, perHour(kwokPhases), kwokPhases.size());
    }

    /** Cold starts with 0, 1 and 2 real nodes; on the first with one real node its idle figures and pod starts too. */
    private static void coldStarts(int runs, Map<Integer, List<Double>> cold, Map<String, double[]> idle, List<Long> podStarts)
            throws Exception {

        // The first cluster of a JVM also loads and JITs the client and the cluster code: measured first, kwok-only
        // would carry that (seen: 15 s against 10 s with a real node), so one unmeasured start goes before.
        try (LocalCluster warmUp = new LocalCluster().withNodes(KWOK_NODES)) {
            warmUp.start();
        }
        for (int real : List.of(0, 1, 2)) {
            List<Double> secs = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                try (LocalCluster c = new LocalCluster().withNodes(KWOK_NODES).withRealNodes(real)) {
                    c.start();
                    secs.add((System.nanoTime() - t0) / 1e9);
                    if (real == 1 && i == 0) {
                        idle.putAll(idle(c.realNodes().get(0), Integer.getInteger("idleSeconds", 20)));
                        idle.forEach((d, f) -> System.out.printf("idle %s: %.1f ms/s CPU, %.0f MiB RSS%n", d, f[0], f[1]));
                        podStarts.addAll(podStarts(c.client(), Integer.getInteger("pods", 5)));
                        System.out.println("pod start on a real node (create->Ready), ms: " + podStarts);
                    }
                }
            }
            cold.put(real, secs);
            System.out.printf("cold start to Ready, %d kwok + %d real nodes: median %.1f s %s%n", KWOK_NODES, real, median(secs), secs);
        }
    }

    private static void printColdStarts(Map<Integer, List<Double>> cold, Map<String, double[]> idle, List<Long> podStarts) {
        double kwok = median(cold.get(0));
        System.out.printf("cold start, kwok-only (%d kwok nodes)     %6.1f s%n", KWOK_NODES, kwok);
        System.out.printf("cold start, + 1 real node               %6.1f s  (%.2fx kwok-only)   target <= 15 s%n",
                median(cold.get(1)), median(cold.get(1)) / kwok);
        System.out.printf("cold start, + 2 real nodes              %6.1f s  (%.2fx kwok-only)%n",
                median(cold.get(2)), median(cold.get(2)) / kwok);
        idle.forEach((daemon, f) -> System.out.printf("idle %-12s                       %6.1f ms/s CPU  %5.0f MiB RSS%n",
                daemon, f[0], f[1]));
        System.out.printf("idle real node, total                   %6.1f ms/s CPU  %5.0f MiB RSS%n",
                idle.values().stream().mapToDouble(f -> f[0]).sum(), idle.values().stream().mapToDouble(f -> f[1]).sum());
        System.out.printf("pod start on a real node (create->Ready) median %d ms, max %d ms (%d pods, image present)%n",
                medianLong(podStarts), podStarts.stream().mapToLong(Long::longValue).max().orElse(-1), podStarts.size());
    }


    private static String medians(Map<String, List<Long>> split) {
        List<String> out = new ArrayList<>();
        split.forEach((phase, v) -> out.add(phase + " " + medianLong(v) + " ms"));
        return out.isEmpty() ? "(no reset timings logged)" : String.join(", ", out) + " (" + split.values().iterator().next().size() + " resets)";
    }

    /**
     * The reset's timing lines ({@code ResetTimings}), seen by a copy of stderr: the phases of each reset, and per
     * condition when it was met. A reset whose condition was never met counts for nothing in that condition.
     */
    static final class ResetLines {

        private static final Pattern PHASE = Pattern.compile("(total|restore|wait|drift) (\\d+) ms");
        private static final Pattern MET = Pattern.compile("([a-z ]+) met at (\\d+) ms");
        private final List<String> lines = new ArrayList<>();

        static ResetLines teeStderr() {
            ResetLines r = new ResetLines();
            PrintStream err = System.err;
            System.setErr(new PrintStream(new OutputStream() {
                private final ByteArrayOutputStream line = new ByteArrayOutputStream();

                @Override
                public synchronized void write(int b) {
                    err.write(b);
                    if (b != '\n') {
                        line.write(b);
                        return;
                    }
                    String s = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    if (s.contains("reset timings:")) {
                        r.add(s);
                    }
                }
            }, true, StandardCharsets.UTF_8));
            return r;
        }

        synchronized void add(String line) {
            lines.add(line);
        }

        synchronized void clear() {
            lines.clear();
        }

        /** Per phase (total, restore, ..., then "<condition> met"), the figure of each reset, in milliseconds. */
        synchronized Map<String, List<Long>> split() {
            return split(lines);
        }

        static Map<String, List<Long>> split(List<String> lines) {
            Map<String, List<Long>> out = new LinkedHashMap<>();
            for (String line : lines) {
                String[] parts = line.substring(line.indexOf("reset timings:")).split(";", 2);
                Matcher m = PHASE.matcher(parts[0]);
                while (m.find()) {
                    out.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Long.parseLong(m.group(2)));
                }
                if (parts.length > 1) {
                    Matcher c = MET.matcher(parts[1]);
                    while (c.find()) {
                        out.computeIfAbsent(c.group(1).trim() + " met", k -> new ArrayList<>()).add(Long.parseLong(c.group(2)));
                    }
                }
            }
            return out;
        }
    }

    /** The workload to run: the default one once its images are real, else the echo workload. */
    record Workload(Path dir, String namespace) {

        static Workload pick() throws IOException {
            Path workloads = TestCampaigns.repo().resolve("examples/workloads");
            try (Stream<Path> files = Files.list(workloads)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                    if (Files.readString(f).contains("image: mutineer.local/")) {
                        return new Workload(workloads, "shop");
                    }
                }
            }
            return new Workload(TestCampaigns.repo().resolve("examples/echo"), "echo");
        }
    }

    /** A quickstart-like campaign (bit flips, value and dependency faults, deletes) on the workload; its phase times. */
    private static List<PhaseTimes> campaign(Workload workload, int realNodes, int windowSeconds, String finished) throws Exception {
        if (finished != null) {
            return phases(Path.of(finished), realNodes, -1);
        }
        Path dir = Files.createTempDirectory("mutineer-bench-realnodes");
        Path copy = dir.resolve("workload");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(workload.dir())) {
            for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        int sample = Integer.getInteger("sample", 2);
        // The quickstart's clients, where they can run: a kwok node runs no container.
        String traffic = workload.namespace().equals("shop") && realNodes > 0 ? "traffic: {service: shop/frontend, hops: [frontend, backend]}" : "";
        Files.writeString(dir.resolve("campaign.yaml"), """
                name: bench-realnodes-%d
                seed: 20240624
                cluster: {nodes: %d, realNodes: %d}
                workload: [workload/]
                targets:
                  kinds: [Deployment, ReplicaSet, Pod, Service, EndpointSlice]
                  namespaces: [%s]
                faults:
                  - {operator: bit-flip, sample: %d}
                  - {operator: value, sample: %d}
                  - {operator: dependency, sample: %d}
                  - {operator: delete, sample: %d}
                observationWindow: %ds
                settleTime: 3s
                goldenRuns: 1
                %s
                """.formatted(realNodes, KWOK_NODES, realNodes, workload.namespace(), sample, sample, sample, sample, windowSeconds,
                traffic));
        Campaign campaign = new CampaignLoader().load(dir.resolve("campaign.yaml"));
        Path results = dir.resolve("results");
        Path log = dir.resolve("progress.log");
        long t0 = System.nanoTime();
        try (PrintStream out = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8);
             Progress progress = Progress.lines(out)) {
            new CampaignRunner(campaign, results, false, Integer.MAX_VALUE, progress).run();
        }
        return phases(results, realNodes, System.nanoTime() - t0);
    }

    private static List<PhaseTimes> phases(Path results, int realNodes, long tookNanos) {
        List<JournalRecord> records = Journal.readWithoutObservations(results).records();
        List<PhaseTimes> phases = records.stream().filter(JournalRecord::activated).map(r -> SpecJson.phases(r.spec())).toList();
        System.out.printf("campaign with %d real node(s): %d injections (%d activated)%s; reset median %d ms, max %d ms;"
                        + " %.0f injections/h; results %s%n", realNodes, records.size(), phases.size(),
                tookNanos < 0 ? "" : String.format(" in %.1f min", tookNanos / 60e9), medianOf(phases, PhaseTimes::restoreMillis),
                maxOf(phases, PhaseTimes::restoreMillis), perHour(phases), results);
        return phases;
    }

    /** CPU (ms per s) and resident memory (MiB) of each of the node's daemons, sampled over {@code seconds}. */
    private static Map<String, double[]> idle(RealNode node, int seconds) throws Exception {
        Thread.sleep(10_000); // past the start's bursts
        Map<String, Long> pids = node.pids();
        Map<String, Long> before = new LinkedHashMap<>();
        pids.forEach((d, pid) -> before.put(d, cpuTicks(pid)));
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        Map<String, double[]> out = new LinkedHashMap<>();
        pids.forEach((d, pid) -> out.put(d, new double[]{
                (cpuTicks(pid) - before.get(d)) * 1000.0 / CLOCK_TICKS_PER_SECOND / elapsed, rssKib(pid) / 1024.0}));
        return out;
    }

    /** utime + stime of a process, in clock ticks (/proc/PID/stat fields 14 and 15, after the command's parentheses). */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException e) {
            return 0;
        }
    }

    static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException ignored) {
            // gone
        }
        return 0;
    }

    /** Milliseconds from create to Ready of {@code n} http-echo pods, one after another, each deleted before the next. */
    private static List<Long> podStarts(KubernetesClient k8s, int n) throws InterruptedException {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = "bench-start-" + i;
            Pod pod = new PodBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata()
                    .withNewSpec().withTerminationGracePeriodSeconds(0L).addNewContainer().withName("echo")
                    .withImage(NodeImages.HTTP_ECHO).withImagePullPolicy("Never").addNewEnv().withName("PORT").withValue("8080")
                    .endEnv().endContainer().endSpec().build();
            long t0 = System.nanoTime();
            k8s.pods().resource(pod).create();
            long deadline = Poll.deadline(Duration.ofMinutes(2));
            while (!ready(k8s.pods().inNamespace("default").withName(name).get())) { // a fixed short pause: Poll's grows
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " not Ready within 2 minutes");
                }
                Thread.sleep(20);
            }
            out.add((System.nanoTime() - t0) / 1_000_000);
            k8s.pods().inNamespace("default").withName(name).delete();
            Poll.until(name + " gone", Poll.deadline(Duration.ofMinutes(2)), () -> k8s.pods().inNamespace("default").withName(name).get() == null);
        }
        return out;
    }

    private static boolean ready(Pod p) {
        return p != null && p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Injections per hour at the measured time per injection (reset, settle, inject, observe, classify). */
    static double perHour(List<PhaseTimes> phases) {
        double mean = phases.stream().mapToLong(PhaseTimes::totalMillis).average().orElse(Double.NaN);
        return 3_600_000 / mean;
    }

    private static double median(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        return s.isEmpty() ? Double.NaN : s.get(s.size() / 2);
    }

    private static long medianLong(List<Long> v) {
        List<Long> s = v.stream().sorted().toList();
        return s.isEmpty() ? -1 : s.get(s.size() / 2);
    }

    private static long medianOf(List<PhaseTimes> phases, ToLongFunction<PhaseTimes> f) {
        return medianLong(phases.stream().map(p -> f.applyAsLong(p)).toList());
    }

    private static long maxOf(List<PhaseTimes> phases, ToLongFunction<PhaseTimes> f) {
        return phases.stream().mapToLong(f).max().orElse(-1);
    }
}
