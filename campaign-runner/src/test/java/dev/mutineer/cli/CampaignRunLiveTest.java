package dev.mutineer.cli;

import dev.mutineer.campaign.run.TestCampaigns;
import dev.mutineer.results.JournalRecord;
import dev.mutineer.results.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small campaign end to end, as a user runs it: plan, run in its own JVM stopped by a signal midway,
 * resume in its own JVM killed with SIGKILL midway, resume until done, report, reproduce; and a campaign whose
 * workload lies outside its directory, reproduced from its moved results alone. Real local clusters throughout.
 */
class CampaignRunLiveTest {

    private static final String CAMPAIGN = """
            name: small
            seed: 7
            workload: [workloads/]
            targets:
              kinds: [Deployment, Pod, Service]
              namespaces: [shop]
            faults:
              - operator: value
                sample: 2
              - operator: delete
                sample: 2
              - operator: bit-flip
                sample: 1
            observationWindow: 5s
            settleTime: 2s
            goldenRuns: 2
            """;

    @TempDir
    Path tmp;

    @Test
    void planRunStopResumeReportReproduce() throws Exception {
        Path file = TestCampaigns.write(tmp.resolve("campaign"), CAMPAIGN);
        Path results = tmp.resolve("results");

        // plan: IDs without injecting
        Run plan = cli("plan", file.toString());
        assertThat(plan.code).as(plan.err).isEqualTo(ExitCodes.OK);
        Set<String> planned = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^([0-9a-z]{10})  ").matcher(plan.out);
        while (m.find()) {
            planned.add(m.group(1));
        }
        assertThat(planned).hasSize(5);
        assertThat(plan.out).contains("5 injections (seed 7)");

        // run in its own JVM; a signal once two injections are recorded
        Path out = tmp.resolve("run.out");
        Path err = tmp.resolve("run.err");
        Process run = runInOwnJvm(file, results);
        List<ProcessHandle> children;
        try {
            awaitRecords(run, results, 2, err);
            children = run.descendants().toList();
            boolean sigint = !sigintIgnoredHere();
            new ProcessBuilder("sh", "-c", "kill -" + (sigint ? "INT " : "TERM ") + run.pid()).start().waitFor();
            assertThat(run.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue()).as(Files.readString(err)).isEqualTo(sigint ? ExitCodes.INTERRUPTED : 128 + 15);
        } finally {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
        for (ProcessHandle child : children) {
            awaitGone(child);
        }
        List<JournalRecord> afterStop = Journal.read(results).records();
        assertThat(afterStop.size()).isBetween(2, 3);
        assertThat(Files.readString(err)).contains("interrupted");
        assertThat(Files.readString(out)).as("summary printed on the way out").contains("report: " + results.resolve("report.html"));
        assertThat(results.resolve("campaign/campaign.yaml")).exists();
        assertThat(results.resolve("campaign/workloads/30-frontend.yaml")).exists();

        // without --resume the recorded directory is refused, nothing runs
        Run refused = cli("run", file.toString(), "--out", results.toString());
        assertThat(refused.code).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err).contains("already holds a journal", "--resume");

        // resume in its own JVM, SIGKILLed once one more injection is recorded: nothing recorded is lost, the
        // watchdog takes the cluster down with it, and the next --resume goes on from there
        Process killed = runInOwnJvm(file, results, "--resume");
        List<ProcessHandle> killedChildren;
        try {
            awaitRecords(killed, results, afterStop.size() + 1, err);
            killedChildren = killed.descendants().toList();
            assertThat(killedChildren).as("the resumed run's cluster processes").isNotEmpty();
            new ProcessBuilder("sh", "-c", "kill -KILL " + killed.pid()).start().waitFor();
            assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(killed.exitValue()).isEqualTo(128 + 9);
        } finally {
            killed.descendants().forEach(ProcessHandle::destroyForcibly);
        }
        for (ProcessHandle child : killedChildren) {
            awaitGone(child);
        }
        List<JournalRecord> afterKill = Journal.read(results).records();
        assertThat(afterKill.size()).isGreaterThan(afterStop.size());
        assertThat(afterKill.subList(0, afterStop.size())).extracting(JournalRecord::id)
                .containsExactlyElementsOf(afterStop.stream().map(JournalRecord::id).toList());

        // resume: the rest, no ID twice, exactly the planned ones
        Run resumed = cli("run", file.toString(), "--out", results.toString(), "--resume");
        assertThat(resumed.code).as(resumed.err).isEqualTo(ExitCodes.OK);
        List<JournalRecord> records = Journal.read(results).records();
        assertThat(records).extracting(JournalRecord::id).doesNotHaveDuplicates();
        assertThat(records).extracting(JournalRecord::id).containsExactlyInAnyOrderElementsOf(planned);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.spec().path("phasesMillis").path("restoreMillis").isNumber()).isTrue();
            assertThat(r.reproduceCommand()).startsWith("mutineer reproduce " + r.id() + " --results ");
        });
        assertThat(resumed.err).contains("reusing the recorded golden baseline");
        assertThat(resumed.out).contains("OUTCOME", "total                     5");

        // report: CSV row per injection, HTML naming each
        Files.delete(results.resolve("report.html"));
        Run report = cli("report", results.toString());
        assertThat(report.code).isEqualTo(ExitCodes.OK);
        List<String> csv = Files.readAllLines(results.resolve("report.csv"));
        String html = Files.readString(results.resolve("report.html"));
        for (String id : planned) {
            assertThat(csv).anyMatch(line -> line.startsWith(id + ","));
            assertThat(html).contains(id);
        }

        // reproduce one activated injection from the results alone
        JournalRecord chosen = records.stream().filter(JournalRecord::activated).findFirst().orElseThrow();
        Run replay = cli("reproduce", chosen.id(), "--results", results.toString());
        assertThat(replay.code).as(replay.out + replay.err).isIn(ExitCodes.OK, ExitCodes.DIFFERENT);
        assertThat(replay.out).contains("RECORDED", "REPLAYED", chosen.outcome().toString(), "baseline:  recorded");
        assertThat(cli("reproduce", "zzzzzzzzzz", "--results", results.toString()).code).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void resultsOfACampaignWithItsWorkloadElsewhereReproduceAfterTheyMove() throws Exception {
        Path shared = TestCampaigns.copyWorkloads(tmp.resolve("shared-workloads"));
        Path file = Files.writeString(Files.createDirectories(tmp.resolve("dirA")).resolve("campaign.yaml"), """
                name: elsewhere
                seed: 5
                workload: [../shared-workloads/]
                targets:
                  kinds: [Deployment]
                  namespaces: [shop]
                faults:
                  - operator: value
                    sample: 1
                observationWindow: 4s
                settleTime: 1s
                goldenRuns: 1
                """);
        Path results = tmp.resolve("results");
        assertThat(cli("run", file.toString(), "--out", results.toString()).code).as("outside without the flag").isEqualTo(ExitCodes.USAGE);
        Run run = cli("run", file.toString(), "--out", results.toString(), "--allow-outside");
        assertThat(run.code).as(run.err).isEqualTo(ExitCodes.OK);
        JournalRecord recorded = Journal.read(results).records().stream().findFirst().orElseThrow();

        // the results alone: moved, and neither the campaign's directory nor its workload is there any more
        Path moved = Files.move(results, Files.createDirectories(tmp.resolve("elsewhere")).resolve("moved"));
        TestCampaigns.deleteTree(shared);
        TestCampaigns.deleteTree(file.getParent());
        Run replay = cli("reproduce", recorded.id(), "--results", moved.toString());
        assertThat(replay.code).as(replay.out + replay.err).isIn(ExitCodes.OK, ExitCodes.DIFFERENT);
        assertThat(replay.out).contains("RECORDED", "REPLAYED", recorded.outcome().toString());
        // the report rendered there names the directory where it is now
        assertThat(cli("report", moved.toString()).code).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(moved.resolve("report.csv"))).contains("mutineer reproduce " + recorded.id() + " --results " + moved);
    }

    private record Run(int code, String out, String err) {
    }

    /** `mutineer run FILE --out RESULTS [more]` in a JVM of its own; its output goes to run.out and run.err. */
    private Process runInOwnJvm(Path file, Path results, String... more) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcom.google.protobuf.use_unsafe_pre22_gencode", "-cp", System.getProperty("java.class.path"),
                Mutineer.class.getName(), "run", file.toString(), "--out", results.toString()));
        command.addAll(List.of(more));
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve("run.out").toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(tmp.resolve("run.err").toFile())).start();
    }

    private static Run cli(String... args) {
        CliRun r = CliRun.of(args);
        return new Run(r.code(), r.out(), r.err());
    }

    private static void awaitRecords(Process p, Path results, int n, Path err) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(6));
        Path journal = results.resolve("journal.jsonl");
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(journal) && Files.readAllLines(journal).size() >= n) {
                return;
            }
            assertThat(p.isAlive()).as("run exited early:\n" + Files.readString(err)).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("fewer than " + n + " records within 6 minutes:\n" + Files.readString(err));
    }

    private static boolean sigintIgnoredHere() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0b10) != 0;
            }
        }
        return false;
    }

    private static void awaitGone(ProcessHandle p) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (p.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(p.isAlive()).as("process " + p.pid() + " " + p.info().command().orElse("") + " still alive").isFalse();
    }
}
