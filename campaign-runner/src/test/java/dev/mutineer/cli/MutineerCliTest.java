package dev.mutineer.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
