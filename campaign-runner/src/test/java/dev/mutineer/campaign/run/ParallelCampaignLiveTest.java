package dev.mutineer.campaign.run;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.results.BaselineFile;
import dev.mutineer.results.Journal;
import dev.mutineer.results.JournalRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tiny kwok-only campaign run serially and on two clusters side by side: the same IDs, each recorded once, both
 * clusters used, a baseline per cluster, no process left; prints injections per hour of both (cluster starts and
 * golden runs included) and their ratio. About three minutes on 2 cores.
 */
class ParallelCampaignLiveTest {

    private static final String CAMPAIGN = TestCampaigns.tiny("side-by-side");

    @TempDir
    Path tmp;

    @Test
    void twoClustersRecordTheSerialIdsOnceEachAndUseBoth() throws Exception {
        Campaign campaign = new CampaignLoader().load(TestCampaigns.write(tmp.resolve("campaign"), CAMPAIGN));

        Timed serial = run(campaign, tmp.resolve("serial"), 1);
        Timed parallel = run(campaign, tmp.resolve("parallel"), 2);

        List<String> serialIds = ids(serial.dir);
        assertThat(serialIds).hasSize(4).doesNotHaveDuplicates();
        assertThat(ids(parallel.dir)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(serialIds);
        assertThat(serial.output).doesNotContain(" on cluster-");
        assertThat(parallel.output).contains(" on cluster-1)").contains(" on cluster-2)");
        assertThat(BaselineFile.path(parallel.dir, "default")).exists();
        assertThat(BaselineFile.path(parallel.dir, "default.cluster-2")).exists();
        assertThat(BaselineFile.path(serial.dir, "default.cluster-2")).doesNotExist();
        awaitNoClusterProcess();

        double serialRate = serial.perHour(4);
        double parallelRate = parallel.perHour(4);
        System.out.printf("side-by-side: --parallel 1: %.0f injections/h (%.1f s), --parallel 2: %.0f injections/h (%.1f s),"
                        + " ratio %.2f; load average %s%n", serialRate, serial.took.toMillis() / 1000.0, parallelRate,
                parallel.took.toMillis() / 1000.0, parallelRate / serialRate, Files.readString(Path.of("/proc/loadavg")).strip());
    }

    @Test
    void aDifferentialCampaignRunsItsVariantsSideBySideOnOneClusterEach() throws Exception {
        Campaign campaign = new CampaignLoader().load(TestCampaigns.write(tmp.resolve("differential"), CAMPAIGN.replace(
                "sample: 2\n  - operator: delete\n    sample: 2", "sample: 1\n  - operator: delete\n    sample: 1")
                + "variants:\n  - name: two-nodes\n    nodes: 2\n  - name: three-nodes\n    nodes: 3\n"));
        java.util.concurrent.atomic.AtomicInteger mostEtcds = new java.util.concurrent.atomic.AtomicInteger();
        Thread counter = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long etcds = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                        .filter(p -> p.info().command().orElse("").endsWith("/etcd")).count();
                mostEtcds.accumulateAndGet((int) etcds, Math::max);
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        counter.start();
        Timed both;
        try {
            both = run(campaign, tmp.resolve("differential-results"), 2);
        } finally {
            counter.interrupt();
            counter.join();
        }

        List<JournalRecord> records = Journal.read(both.dir).records();
        assertThat(records).extracting(JournalRecord::variant).containsOnly("two-nodes", "three-nodes")
                .filteredOn("two-nodes"::equals).hasSize(2);
        assertThat(records).extracting(JournalRecord::id).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches(".*\\.(two-nodes|three-nodes)$"));
        assertThat(both.output).as("progress names the variant of each cluster")
                .contains(" on two-nodes)").contains(" on three-nodes)").doesNotContain(" on cluster-");
        assertThat(mostEtcds.get()).as("both variants' clusters ran at once, one each").isEqualTo(2);
        assertThat(BaselineFile.path(both.dir, "two-nodes")).exists();
        assertThat(BaselineFile.path(both.dir, "three-nodes")).exists();
        awaitNoClusterProcess();
    }

    @Test
    void aStopClosesBothClustersAndResumeRecordsTheRestOnce() throws Exception {
        Campaign campaign = new CampaignLoader().load(TestCampaigns.write(tmp.resolve("campaign"), CAMPAIGN));
        Path dir = tmp.resolve("stopped");
        CampaignRunner runner;
        CampaignRunner.Summary[] stopped = new CampaignRunner.Summary[1];
        try (Progress progress = Progress.lines(System.out)) {
            runner = new CampaignRunner(campaign, dir, false, Integer.MAX_VALUE, progress, Optional.empty(), 2);
            Thread run = new Thread(() -> stopped[0] = runner.run());
            run.start();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
            while (!Files.exists(dir.resolve("journal.jsonl")) || Files.readAllLines(dir.resolve("journal.jsonl")).isEmpty()) {
                assertThat(run.isAlive()).as("the run ended before its first record").isTrue();
                assertThat(Instant.now()).as("a first record within 5 minutes").isBefore(deadline);
                Thread.sleep(100);
            }
            runner.stop(); // what the Ctrl-C hook does
            run.join(Duration.ofMinutes(2).toMillis());
            assertThat(run.isAlive()).isFalse();
        }
        assertThat(stopped[0].stopped()).isTrue();
        awaitNoClusterProcess();
        List<String> before = ids(dir);
        assertThat(before).isNotEmpty().hasSizeLessThan(4);

        try (Progress progress = Progress.lines(System.out)) {
            CampaignRunner.Summary resumed = new CampaignRunner(campaign, dir, true, Integer.MAX_VALUE, progress, Optional.empty(), 2).run();
            assertThat(resumed.skipped()).isEqualTo(before.size());
            assertThat(resumed.recordedNow()).isEqualTo(4 - before.size());
        }
        assertThat(ids(dir)).hasSize(4).doesNotHaveDuplicates().containsAll(before);
        awaitNoClusterProcess();
    }

    private record Timed(Path dir, Duration took, String output) {
        double perHour(int injections) {
            return injections * 3_600_000.0 / took.toMillis();
        }
    }

    private static Timed run(Campaign campaign, Path dir, int clusters) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new TeeStream(captured), true, StandardCharsets.UTF_8);
        Instant started = Instant.now();
        CampaignRunner.Summary summary;
        try (Progress progress = Progress.lines(out)) {
            summary = new CampaignRunner(campaign, dir, false, Integer.MAX_VALUE, progress, Optional.empty(), clusters).run();
        }
        Duration took = Duration.between(started, Instant.now());
        assertThat(summary.stopped()).isFalse();
        assertThat(summary.recordedNow()).isEqualTo(summary.planned()).isEqualTo(4);
        return new Timed(dir, took, captured.toString(StandardCharsets.UTF_8));
    }

    private static List<String> ids(Path dir) {
        return Journal.read(dir).records().stream().map(JournalRecord::id).toList();
    }

    /** Every etcd, API server, controller, scheduler and kwok this JVM started is gone once the run returns. */
    private static void awaitNoClusterProcess() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        List<String> left;
        do {
            left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                    .filter(c -> c.matches(".*(etcd|kube|kwok).*")).toList();
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        assertThat(left).as("cluster processes left after the run").isEmpty();
    }
}
