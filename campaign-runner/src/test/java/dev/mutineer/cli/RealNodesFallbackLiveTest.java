package dev.mutineer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mutineer.campaign.run.TestCampaigns;
import dev.mutineer.cluster.node.NodePrerequisites;
import dev.mutineer.results.Journal;
import dev.mutineer.results.JournalRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mutineer run} of a tiny campaign with {@code cluster.realNodes: 1, realNodesFallback: kwok-only}, on a real
 * local cluster: once on a host that lacks what real nodes need (simulated through {@link RealNodeCheck#prerequisites},
 * the one seam), where it says so in one line and runs kwok-only, and once where it has it (root and the node packages;
 * skipped without), where it runs the real node. The journal says which it was.
 */
class RealNodesFallbackLiveTest {

    private static final String CAMPAIGN = """
            name: fallback
            seed: 5
            cluster: {nodes: 1, realNodes: 1, realNodesFallback: kwok-only}
            workload: [echo/]
            targets: {kinds: [Pod], namespaces: [echo]}
            faults:
              - operator: delete
                sample: 1
            observationWindow: 4s
            settleTime: 1s
            goldenRuns: 1
            """;

    @TempDir
    Path tmp;

    @AfterEach
    void realPrerequisitesAgain() {
        RealNodeCheck.prerequisites = NodePrerequisites::missing;
    }

    private record Run(int code, String err, JsonNode cluster) {
    }

    private Run run() throws Exception {
        Files.createDirectories(tmp.resolve("echo"));
        Files.copy(TestCampaigns.repo().resolve("examples/echo/echo.yaml"), tmp.resolve("echo/echo.yaml"));
        Files.writeString(tmp.resolve("campaign.yaml"), CAMPAIGN);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Mutineer.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("run", tmp.resolve("campaign.yaml").toString(), "--out", tmp.resolve("results").toString());
        List<JournalRecord> records = Journal.readWithoutObservations(tmp.resolve("results")).records();
        assertThat(records).as("stderr: %s", err).hasSize(1);
        return new Run(code, err.toString(), records.get(0).spec().path("cluster"));
    }

    @Test
    void withoutWhatRealNodesNeedItSaysSoAndRunsKwokOnly() throws Exception {
        RealNodeCheck.prerequisites = () -> List.of("root (simulated by the test)");
        Run r = run();
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).containsOnlyOnce("real nodes unavailable: root (simulated by the test) missing; running kwok-only")
                .contains("local, 1 node cluster").doesNotContain("real node cluster");
        assertThat(r.cluster().path("realNodes").asInt(-1)).isZero();
        assertThat(r.cluster().path("realNodesUnavailable").asText()).isEqualTo("root (simulated by the test) missing");
    }

    @Test
    void whereRealNodesCanRunTheFallbackIsNotTaken() throws Exception {
        List<String> missing = NodePrerequisites.missing();
        Assumptions.assumeTrue(missing.isEmpty(), () -> NodePrerequisites.message(missing));
        Run r = run();
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("real nodes unavailable").contains("1 node + 1 real node cluster");
        assertThat(r.cluster().path("realNodes").asInt(-1)).isEqualTo(1);
        assertThat(r.cluster().has("realNodesUnavailable")).isFalse();
    }
}
