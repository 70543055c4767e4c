package dev.mutineer.cli;

import dev.mutineer.campaign.run.TestCampaigns;
import dev.mutineer.results.Journal;
import dev.mutineer.results.JournalRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import picocli.CommandLine;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `run` on a real local cluster (kwok nodes) with expectations: exit 6, the violation printed with its IDs and
 * the JUnit XML written; then `report --campaign` on that recording with an expectation that holds (exit 0) and
 * one that does not (exit 6).
 */
class ExpectationsRunLiveTest {

    /*
     * Which class a live injection ends in is the classifier's business, not this test's: the pair below is
     * violated whatever it is (all NO_EFFECT breaks the first, anything else the second), as long as one
     * injection is activated, which deleting a Deployment's key always is.
     */
    private static final String CAMPAIGN = """
            name: expect-live
            seed: 3
            workload: [workloads/]
            targets:
              kinds: [Deployment]
              namespaces: [shop]
            faults:
              - operator: delete
                sample: 2
            observationWindow: 4s
            settleTime: 1s
            goldenRuns: 1
            expect:
              - none: NO_EFFECT
                where: {operator: delete}
              - at-least: 100% NO_EFFECT
            """;

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int cli(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = Mutineer.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void runExitsWithTheExpectationCodeAndWritesJUnitThenReportChecksOtherExpectations() throws Exception {
        Path file = TestCampaigns.write(tmp.resolve("campaign"), CAMPAIGN);
        Path results = tmp.resolve("results");
        Path junit = tmp.resolve("junit/expect-live.xml");

        assertThat(cli("run", file.toString(), "--out", results.toString(), "--junit", junit.toString()))
                .as(err.toString()).isEqualTo(ExitCodes.EXPECTATION);
        System.out.println("run's output:\n" + out + err.toString().lines().filter(l -> l.contains("expectation"))
                .reduce("", (a, b) -> a + b + "\n"));

        List<JournalRecord> records = Journal.readWithoutObservations(results).records();
        assertThat(records).hasSize(2);
        assertThat(out.toString()).contains("EXPECTATIONS").containsPattern("violated: [^\\n]+: [0-9a-z]{10}");
        assertThat(err.toString()).contains("expectation checks violated (exit 6)");
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile()).getDocumentElement();
        assertThat(root.getAttribute("tests")).isEqualTo("4");
        assertThat(Integer.parseInt(root.getAttribute("failures"))).isBetween(1, 2);
        assertThat(root.getElementsByTagName("testsuite").getLength()).isEqualTo(1);

        // The same recording against expectations that follow from it: the recorded class holds, another does not.
        JournalRecord first = records.get(0);
        String other = first.outcome() == dev.mutineer.classifier.Outcome.NO_EFFECT ? "CLUSTER_WIDE" : "NO_EFFECT";
        Path holds = Files.writeString(tmp.resolve("campaign/holds.yaml"), CAMPAIGN.replaceFirst("(?s)expect:.*",
                "expect:\n  - id: " + first.id() + "\n    is: " + first.outcome() + "\n"));
        assertThat(cli("report", results.toString(), "--campaign", holds.toString())).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("holds: id " + first.id() + " is " + first.outcome());

        Path breaks = Files.writeString(tmp.resolve("campaign/breaks.yaml"), CAMPAIGN.replaceFirst("(?s)expect:.*",
                "expect:\n  - id: " + first.id() + "\n    is: " + other + "\n"));
        assertThat(cli("report", results.toString(), "--campaign", breaks.toString())).isEqualTo(ExitCodes.EXPECTATION);
        assertThat(out.toString()).contains("violated: id " + first.id() + " is " + other + ": 1 of 1 run ended otherwise: "
                + first.id() + " " + first.outcome() + ": " + first.id());
        // The copy in the results directory still holds the run's own expectations.
        assertThat(cli("report", results.toString())).isEqualTo(ExitCodes.EXPECTATION);
    }
}
