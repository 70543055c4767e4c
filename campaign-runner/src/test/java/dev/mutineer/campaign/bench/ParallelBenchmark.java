package dev.mutineer.campaign.bench;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.campaign.run.CampaignRunner;
import dev.mutineer.campaign.run.Parallelism;
import dev.mutineer.campaign.run.PhaseTimes;
import dev.mutineer.campaign.run.Progress;
import dev.mutineer.campaign.run.SpecJson;
import dev.mutineer.campaign.run.TestCampaigns;
import dev.mutineer.results.Journal;
import dev.mutineer.results.JournalRecord;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * Injections per hour at a 30 s window with N clusters side by side (-Dns=1,2,4,8,auto), one after another in one
 * run, on a kwok-only campaign of the shop (3 nodes, the quickstart's operators). Each N runs its campaign from a
 * fresh results directory: clusters start, golden runs, then injections for -Dminutes=M (default 6) counted from the
 * first recorded injection, after which the campaign is stopped. The rate is the records finished in that span over
 * the span; the ratio is against N=1 of the same run. Also per N: the machine's busy cores and its memory in use
 * (peak, above what was in use before the N started), both from /proc, and the mean of each phase of an injection.
 * Ends with the Indexed Job figure: -Dmachines=10 shards at the best measured per-machine rate, and how long the
 * study's 9,000 injections take on one machine and on those. Prints figures; no pass/fail.
 */
public final class ParallelBenchmark {

    private static final int STUDY = 9_000;

    private record Figures(String n, int clusters, double setupSeconds, int injections, double spanMinutes,
                           double busyCores, double peakGiB, List<PhaseTimes> phases) {

        double perHour() {
            return spanMinutes <= 0 ? 0 : injections * 60.0 / spanMinutes;
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> ns = List.of(System.getProperty("ns", "1,2,4,8,auto").split(","));
        double minutes = Double.parseDouble(System.getProperty("minutes", "6"));
        int machines = Integer.getInteger("machines", 10);
        Path dir = Files.createTempDirectory("mutineer-bench-parallel");
        Path file = TestCampaigns.write(dir, """
                name: parallel-bench
                seed: 20261201
                cluster: {backend: local, nodes: 3}
                workload: [workloads/]
                targets:
                  kinds: [Deployment, ReplicaSet, Pod, Service, EndpointSlice, StatefulSet, DaemonSet]
                  namespaces: [shop]
                faults:
                  - operator: bit-flip
                    sample: 120
                  - operator: value
                    sample: 80
                  - operator: dependency
                    sample: 60
                  - operator: delete
                    sample: 30
                observationWindow: 30s
                settleTime: 3s
                goldenRuns: 3
                """);
        Campaign campaign = new CampaignLoader().load(file);
        System.out.printf("parallel benchmark: %d cores, N = %s, %.1f min of injections each, %d s window, load before %s%n",
                Runtime.getRuntime().availableProcessors(), ns, minutes, campaign.observationWindow().toSeconds(), Machine.loadAverage());
        List<Figures> all = new ArrayList<>();
        for (String n : ns) {
            Figures f = runAt(campaign, n.strip(), minutes, dir);
            all.add(f);
            System.out.println(row(f, all.get(0)));
        }
        System.out.println();
        System.out.printf("%-5s %8s %7s %6s %7s %8s %6s %6s %8s | %s%n", "N", "clusters", "setup s", "inj", "span m",
                "inj/hour", "x N=1", "cores", "mem GiB", "mean ms: restore settle inject observe classify (total)");
        all.forEach(f -> System.out.println(row(f, all.get(0))));
        Figures best = all.stream().max(Comparator.comparingDouble(Figures::perHour)).orElseThrow();
        double ratio = all.get(0).perHour() <= 0 ? 0 : best.perHour() / all.get(0).perHour();
        System.out.printf("best: N=%s (%d clusters), %.0f injections/hour, %.2fx the serial rate (target >= 5x); the study's %d"
                        + " injections: %.1f h on one machine at that rate, %.1f h serially%n",
                best.n(), best.clusters(), best.perHour(), ratio, STUDY, STUDY / best.perHour(), STUDY / all.get(0).perHour());
        System.out.printf("Indexed Job of %d shards, one such machine each, at the measured %.0f injections/hour a shard:"
                        + " %.0f injections/hour, the study's %d in %.1f h (plus one cluster start and golden runs per shard, %.1f min here)%n",
                machines, best.perHour(), machines * best.perHour(), STUDY, STUDY / (machines * best.perHour()), best.setupSeconds() / 60);
    }

    private static Figures runAt(Campaign campaign, String n, double minutes, Path dir) throws Exception {
        int clusters = Parallelism.parse(n, 0);
        Path results = dir.resolve("results-" + n);
        CampaignRunner runner = new CampaignRunner(campaign, results, false, Integer.MAX_VALUE, Progress.lines(quiet()),
                Optional.empty(), clusters);
        long memBefore = memoryInUse();
        AtomicLong peak = new AtomicLong(memBefore);
        long[] cpuAtFirst = new long[2];
        Instant[] first = new Instant[1];
        long t0 = System.nanoTime();
        Thread campaignThread = new Thread(() -> {
            try {
                runner.run();
            } catch (RuntimeException e) {
                // stopped on purpose: the clusters closed under it
            }
        }, "parallel-bench-" + n);
        campaignThread.start();
        double setup = -1;
        while (campaignThread.isAlive()) {
            Thread.sleep(2_000);
            peak.accumulateAndGet(memoryInUse(), Math::max);
            if (first[0] == null && recordCount(results) > 0) {
                first[0] = Instant.now();
                setup = (System.nanoTime() - t0) / 1e9;
                long[] c = cpu();
                cpuAtFirst[0] = c[0];
                cpuAtFirst[1] = c[1];
            }
            if (first[0] != null && Duration.between(first[0], Instant.now()).toMillis() >= minutes * 60_000) {
                break;
            }
        }
        long[] cpuAtEnd = cpu();
        runner.stop();
        campaignThread.join(120_000);
        List<JournalRecord> records = Journal.readWithoutObservations(results).records();
        Instant from = records.stream().map(JournalRecord::startedAt).min(Comparator.naturalOrder()).orElse(Instant.now());
        Instant to = records.stream().map(JournalRecord::finishedAt).max(Comparator.naturalOrder()).orElse(from);
        double busy = cpuAtEnd[1] == cpuAtFirst[1] ? 0
                : (double) (cpuAtEnd[0] - cpuAtFirst[0]) / (cpuAtEnd[1] - cpuAtFirst[1]) * Runtime.getRuntime().availableProcessors();
        List<PhaseTimes> phases = records.stream().filter(JournalRecord::activated).map(r -> SpecJson.phases(r.spec())).toList();
        return new Figures(n, clusters, setup, records.size(), Duration.between(from, to).toMillis() / 60_000.0, busy,
                (peak.get() - memBefore) / (1024.0 * 1024 * 1024), phases);
    }

    private static String row(Figures f, Figures serial) {
        double x = serial.perHour() <= 0 ? 0 : f.perHour() / serial.perHour();
        return String.format("%-5s %8d %7.0f %6d %7.1f %8.0f %6.2f %6.2f %8.2f | %s %s %s %s %s (%s)", f.n(), f.clusters(),
                f.setupSeconds(), f.injections(), f.spanMinutes(), f.perHour(), x, f.busyCores(), f.peakGiB(),
                mean(f, PhaseTimes::restoreMillis), mean(f, PhaseTimes::settleMillis), mean(f, PhaseTimes::injectMillis),
                mean(f, PhaseTimes::observeMillis), mean(f, PhaseTimes::classifyMillis), mean(f, PhaseTimes::totalMillis));
    }

    private static String mean(Figures f, ToLongFunction<PhaseTimes> phase) {
        return String.valueOf(Math.round(f.phases().stream().mapToLong(phase).average().orElse(0)));
    }

    private static int recordCount(Path results) {
        try {
            return (int) Files.readAllLines(results.resolve(dev.mutineer.campaign.run.ResultsDir.JOURNAL)).stream().filter(l -> !l.isBlank()).count();
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Busy and total jiffies of all cores, from the first line of /proc/stat. */
    private static long[] cpu() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length; i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[]{total - idle, total};
    }

    /** MemTotal - MemAvailable, in bytes. */
    private static long memoryInUse() {
        try {
            long total = 0;
            long available = 0;
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    total = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                } else if (line.startsWith("MemAvailable:")) {
                    available = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
            return total - available;
        } catch (IOException e) {
            return 0;
        }
    }


    /** The campaigns' progress lines would bury the figures: they go nowhere. */
    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
