package dev.mutineer.campaign.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.campaign.Durations;
import dev.mutineer.campaign.run.CampaignCluster;
import dev.mutineer.campaign.run.TestCampaigns;
import dev.mutineer.classifier.observation.HistoryEvent;
import dev.mutineer.classifier.observation.HistoryEvent.Change;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.observation.ObservationJson;
import dev.mutineer.classifier.observation.Sample;
import dev.mutineer.classifier.observe.HistoryAlone;
import dev.mutineer.classifier.observe.Observer;
import dev.mutineer.classifier.observe.ObserverConfig;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the history costs per observation, on a campaign's cluster at rest (default the quickstart: its workload, real
 * node and client traffic, its window). Each round measures three windows in turn: idle (nothing observed: the
 * traffic and the JVM's own work), the history recorder alone, and the whole observer (samples and history, as a
 * campaign observes). For each: the JVM's CPU time and the bytes its threads allocated; idle is subtracted, and
 * samples = observer - history. Then the record's size (samples, history) and the heap one history retains.
 * -Drounds=N (default 5), -Dwindow=10s, -Dcampaign=FILE. Prints medians over the rounds.
 */
public final class HistoryCostBenchmark {

    /** CPU and allocation of one window. */
    private record Cost(long cpuNanos, long allocatedBytes) {
    }

    public static void main(String[] args) throws Exception {
        Campaign campaign = new CampaignLoader().load(Path.of(System.getProperty("campaign",
                TestCampaigns.repo().resolve("examples/quickstart.yaml").toString())));
        int rounds = Integer.getInteger("rounds", 5);
        Duration window = System.getProperty("window") == null ? campaign.observationWindow()
                : Durations.parse(System.getProperty("window"));
        List<Cost> idle = new ArrayList<>();
        List<Cost> history = new ArrayList<>();
        List<Cost> observer = new ArrayList<>();
        Observation last = null;
        try (CampaignCluster cluster = CampaignCluster.start(campaign, campaign.cluster(), c -> { }, System.out::println)) {
            ObserverConfig config = ObserverConfig.of(window).withNamespaces(cluster.namespaces());
            observeOnce(cluster, config); // warm-up: class loading and JIT would be charged to the first round
            for (int r = 0; r < rounds; r++) {
                idle.add(measure(() -> {
                    sleep(window.toMillis());
                    return null;
                }));
                history.add(measure(() -> {
                    try {
                        return HistoryAlone.record(cluster.cluster().client(), config);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }));
                Observation[] got = new Observation[1];
                observer.add(measure(() -> got[0] = observeOnce(cluster, config)));
                last = got[0];
                System.out.printf("round %d/%d: idle %s | history %s | observer %s%n", r + 1, rounds,
                        show(idle.get(r)), show(history.get(r)), show(observer.get(r)));
            }
        }
        long idleCpu = median(idle, Cost::cpuNanos);
        long idleAlloc = median(idle, Cost::allocatedBytes);
        long historyCpu = median(history, Cost::cpuNanos) - idleCpu;
        long historyAlloc = median(history, Cost::allocatedBytes) - idleAlloc;
        long observerCpu = median(observer, Cost::cpuNanos) - idleCpu;
        long observerAlloc = median(observer, Cost::allocatedBytes) - idleAlloc;
        System.out.printf("per %d s observation (medians of %d rounds, idle subtracted: idle used %d ms CPU, %.1f MB):%n",
                window.toSeconds(), rounds, idleCpu / 1_000_000, idleAlloc / 1e6);
        System.out.printf("  observer (samples + history): CPU %d ms, allocated %.1f MB%n", observerCpu / 1_000_000, observerAlloc / 1e6);
        System.out.printf("  history recorder alone:        CPU %d ms, allocated %.1f MB (%.0f%% of the observer's CPU)%n",
                historyCpu / 1_000_000, historyAlloc / 1e6, 100.0 * historyCpu / observerCpu);
        System.out.printf("  samples (observer - history):  CPU %d ms, allocated %.1f MB%n",
                (observerCpu - historyCpu) / 1_000_000, (observerAlloc - historyAlloc) / 1e6);
        printSizes(last);
    }

    private static Observation observeOnce(CampaignCluster cluster, ObserverConfig config) {
        try (Observer o = new Observer(cluster.cluster(), config, cluster.traffic().orElse(null))) {
            return o.observe();
        }
    }

    /** The record's bytes (the journal's JSON), and the heap the history and the samples retain once recorded. */
    private static void printSizes(Observation o) throws Exception {
        ObjectMapper mapper = ObservationJson.mapper();
        byte[] samples = mapper.writeValueAsBytes(o.samples());
        byte[] history = mapper.writeValueAsBytes(o.history());
        int record = mapper.writeValueAsBytes(o).length;
        long changes = o.history().stream().filter(e -> e.type() != Change.LISTED).count();
        System.out.printf("record %.1f kB: samples %.1f kB (%d samples), history %.1f kB (%d events, %d of them changes; +%.0f%% on the rest)%n",
                record / 1e3, samples.length / 1e3, o.samples().size(), history.length / 1e3, o.history().size(), changes,
                100.0 * history.length / (record - history.length));
        long historyHeap = retained(() -> read(mapper, history, new TypeReference<List<HistoryEvent>>() { }));
        long samplesHeap = retained(() -> read(mapper, samples, new TypeReference<List<Sample>>() { }));
        System.out.printf("heap retained per observation: history %.1f kB, samples %.1f kB%n", historyHeap / 1e3, samplesHeap / 1e3);
    }

    /** Heap held by one copy of what {@code copy} builds: 200 copies held at once, after full GCs, divided by 200. */
    private static long retained(Supplier<Object> copy) {
        int n = 200;
        long before = usedAfterGc();
        Object[] held = new Object[n];
        for (int i = 0; i < n; i++) {
            held[i] = copy.get();
        }
        long after = usedAfterGc();
        if (held[n - 1] == null) {
            throw new IllegalStateException("nothing copied");
        }
        return (after - before) / n;
    }

    private static <T> T read(ObjectMapper mapper, byte[] json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /**
     * The JVM's CPU time and its live threads' allocations over {@code work}. Threads that end during it lose
     * their allocation count, so the observer is measured before its close ends its client's threads.
     */
    private static Cost measure(Supplier<Object> work) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<Long, Long> before = allocatedByThread();
        long cpu0 = os.getProcessCpuTime();
        work.get();
        long cpu = os.getProcessCpuTime() - cpu0;
        Map<Long, Long> after = allocatedByThread();
        long allocated = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            allocated += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return new Cost(cpu, allocated);
    }

    private static Map<Long, Long> allocatedByThread() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> out = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                out.put(ids[i], bytes[i]);
            }
        }
        return out;
    }

    private static long median(List<Cost> costs, java.util.function.ToLongFunction<Cost> f) {
        long[] v = costs.stream().mapToLong(f).toArray();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private static String show(Cost c) {
        return String.format("%d ms %.1f MB", c.cpuNanos() / 1_000_000, c.allocatedBytes() / 1e6);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
