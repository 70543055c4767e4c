package dev.mutineer.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.results.JournalRecord;
import dev.mutineer.results.Journal;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MutineerCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Mutineer.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void helpListsCommandsAndExitCodes() {
        assertThat(run("--help")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("cluster", "binaries", "validate", "Exit codes:", "130");
    }

    @Test
    void versionComesFromTheMavenBuild() {
        assertThat(run("--version")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).startsWith("mutineer ").doesNotContain("${").doesNotContain("unknown");
    }

    @Test
    void aCommandGroupWithoutItsSubcommandSaysWhichIsMissing() {
        assertThat(run("image")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("mutineer image: missing subcommand (build)").contains("Usage:");
        assertThat(run("cluster")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("mutineer cluster: missing subcommand");
    }

    @Test
    void noCommandOrABadFlagIsAUsageError() {
        assertThat(run()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("cluster", "up", "--nodes", "many")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--nodes");
        assertThat(run("cluster", "up", "--backend", "kind", "--nodes", "2")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("single node");
        assertThat(run("cluster", "up", "--feature-gates", "A=maybe")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void realNodesOutOfRangeOrOnKindAreUsageErrors() {
        assertThat(run("cluster", "up", "--real-nodes", "9")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("real nodes: 0 to 8, got 9");
        assertThat(run("cluster", "up", "--backend", "kind", "--real-nodes", "1")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("real nodes need the local backend");
    }

    @Test
    void realNodesOnAHostWithoutTheirPrerequisitesSayWhatToDo() {
        RealNodeCheck.require(0, List.of("root (...)")); // kwok-only: nothing to check
        assertThatThrownBy(() -> RealNodeCheck.require(1, List.of("root (real nodes create a network namespace, mounts and cgroups)")))
                .isInstanceOf(Mutineer.PrerequisiteMissing.class)
                .hasMessageContaining("1 real node was asked for, but real nodes need root")
                .hasMessageContaining("scripts/install-node-packages.sh");
        RealNodeCheck.require(2, List.of()); // a host that has everything
    }

    @Test
    void fieldsListsAKindsSchemaWithoutACluster() {
        // --json: FieldsReport.toTable() cannot format the schema (no VALUE column) yet; the injector owns it.
        assertThat(run("fields", "Pod", "--json")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("\"kind\" : \"Pod\"", "\"path\" : \"spec.nodeName\"");

        assertThat(run("fields", "Podd")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown kind 'Podd'");
        assertThat(run("fields", "Pod", "shop/web-0")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--etcd");
    }

    @Test
    void fieldsRefusesIncompleteEtcdTlsFlagsBeforeConnecting() {
        // etcd talks mutual TLS: a certificate without its key, or https without a CA, is a usage error, not a hang
        assertThat(run("fields", "Namespace", "default", "--etcd", "https://127.0.0.1:1", "--etcd-cacert", "/x/ca.crt",
                "--etcd-cert", "/x/c.crt")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--etcd-cert and --etcd-key go together");
        assertThat(run("fields", "Namespace", "default", "--etcd", "https://127.0.0.1:1")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("needs --etcd-cacert");
    }

    @Test
    void validateSummarizesAValidCampaignAndRejectsAnInvalidOne(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("app.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: x}\n");
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, "name: good\nworkload: [app.yaml]\nfaults: [{operator: value, sample: 4}]\n");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\nworkload: [app.yaml]\nfaults: [{operator: vaule, sample: 4}]\n");

        assertThat(run("validate", good.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("valid", "name:        good", "1 objects: 1 ConfigMap", "value: 4 random", "reset:       restart-controllers");

        assertThat(run("validate", good.toString(), bad.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(bad + ":3:").contains("faults[0].operator").contains("did you mean 'value'?")
                .contains(bad + ": invalid (1 problem)");
    }

    /** A journal of two good records around lines a crash, a disk or a hand could have left. */
    private static Path damagedJournal(Path dir) throws IOException {
        try (Journal j = Journal.open(dir)) {
            j.append(JournalRecord.builder("good1").campaign("c").outcome(Outcome.NO_EFFECT).build());
            j.append(JournalRecord.builder("good2").campaign("c").outcome(Outcome.UNDER_PROVISIONING).build());
        }
        Files.writeString(dir.resolve("journal.jsonl"), "null\n{\"id\":\"bad3\",\"activated\":true}\nnot json\n"
                + "{\"id\":\"good1\",\"activated\":false,\"outcome\":\"CLUSTER_WIDE\"}\n{\"id\":\"cut4\",\"ca",
                StandardOpenOption.APPEND);
        return dir;
    }

    @Test
    void reportOfADamagedJournalRendersTheGoodRecordsAndNamesEveryBadLine(@TempDir Path tmp) throws IOException {
        Path dir = damagedJournal(tmp.resolve("results"));
        String journal = dir.resolve("journal.jsonl").toString();

        assertThat(run("report", dir.toString())).isEqualTo(ExitCodes.OK);

        assertThat(err.toString().lines().toList()).containsExactly(
                "mutineer: warning: " + journal + ":3: holds null, not a result record; skipped",
                "mutineer: warning: " + journal + ":4: not a valid result: field 'outcome' is missing; skipped",
                "mutineer: warning: " + journal + ":5: not a JSON record (unrecognized token 'not': was expecting a JSON "
                        + "value at column 1); skipped",
                "mutineer: warning: " + journal + ":6: a second record for injection good1 (the first, on line 1, counts); skipped",
                "mutineer: warning: " + journal + ":7: incomplete (16 bytes without a newline: a write cut short by a crash); skipped");
        assertThat(out.toString()).contains("NO_EFFECT", "UNDER_PROVISIONING").doesNotContain("CLUSTER_WIDE")
                .containsPattern("total +2 ");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("5 journal lines skipped");
    }

    @Test
    void reportThatCannotBeWrittenSaysWhyInWords(@TempDir Path tmp) throws IOException {
        Path dir = damagedJournal(tmp.resolve("results"));
        Files.createDirectories(dir.resolve("report.csv/inside"));

        assertThat(run("report", dir.toString())).isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString()).contains("mutineer: error: cannot write " + dir.resolve("report.csv") + ": ")
                .doesNotContain("Exception", "java.");
        assertThat(run("report", tmp.resolve("nothing").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("holds no journal.jsonl");
    }

    @Test
    void reproduceOfADamagedOrUnknownIdIsRefusedNamingWhy(@TempDir Path tmp) throws IOException {
        Path dir = damagedJournal(tmp.resolve("results"));
        String journal = dir.resolve("journal.jsonl").toString();

        assertThat(run("reproduce", "bad3", "--results", dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("mutineer: warning: " + journal + ":3: holds null")
                .contains("mutineer: injection bad3 cannot be replayed: its record is damaged (" + journal
                        + ":4: not a valid result: field 'outcome' is missing)");
        assertThat(run("reproduce", "cut4", "--results", dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("injection cut4 cannot be replayed: its record is damaged (" + journal + ":7: incomplete");
        assertThat(run("reproduce", "good1", "--results", dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("injection good1 cannot be replayed: the record has no injection spec");
        assertThat(run("reproduce", "nope", "--results", dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("no injection nope in " + journal);
        assertThat(err.toString()).doesNotContain("Exception", "java.", "com.fasterxml", "at dev.mutineer");
    }
}
