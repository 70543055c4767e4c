package dev.mutineer.cli;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.results.Journal;
import dev.mutineer.results.JournalRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import picocli.CommandLine;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `report` on a recorded journal: the campaign's expectations, their exit code and the JUnit XML. */
class ExpectationsCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path tmp;
    Path results;

    private int run(String... args) {
        CommandLine cl = Mutineer.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private static JournalRecord rec(String id, String operator, boolean dependency, Outcome o) {
        return JournalRecord.builder(id).campaign("recorded").target("Deployment", "shop", "web")
                .field(dependency ? "metadata.ownerReferences[0].uid" : "spec.replicas", dependency)
                .operator(operator, Map.of()).activated(o != Outcome.NOT_ACTIVATED).outcome(o).build();
    }

    @BeforeEach
    void recordedCampaign() throws IOException {
        results = tmp.resolve("results");
        try (Journal j = Journal.open(results)) {
            j.append(rec("dep0000001", "dependency", true, Outcome.CLUSTER_WIDE));
            j.append(rec("dep0000002", "dependency", true, Outcome.NO_EFFECT));
            j.append(rec("val0000001", "value", false, Outcome.OVER_PROVISIONING));
            j.append(rec("val0000002", "value", false, Outcome.NOT_ACTIVATED));
        }
        Files.writeString(tmp.resolve("web.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\n");
    }

    private static Element junitRoot(Path junit) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile()).getDocumentElement();
    }

    private Path campaign(String expect) throws IOException {
        Path f = tmp.resolve("ci.yaml");
        Files.writeString(f, """
                name: ci
                workload: [web.yaml]
                faults:
                  - {operator: dependency, sample: 2}
                  - {operator: value, sample: 2}
                """ + expect);
        return f;
    }

    @Test
    void aViolatedExpectationExitsFivePrintsItsIdsAndFailsItsJUnitCase() throws Exception {
        Path file = campaign("""
                expect:
                  - none: CLUSTER_WIDE
                    where: {dependency: true}
                  - at-most: 50% OVER_PROVISIONING
                """);
        Path junit = tmp.resolve("ci/junit.xml");

        assertThat(run("report", results.toString(), "--campaign", file.toString(), "--junit", junit.toString()))
                .isEqualTo(ExitCodes.EXPECTATION);

        assertThat(out.toString()).contains(
                "  violated: none CLUSTER_WIDE where dependency=true: 1 of 2 matching injections ended CLUSTER_WIDE: dep0000001",
                // 1 of the 3 activated: NOT_ACTIVATED stays out of the share
                "  holds: at-most 50% OVER_PROVISIONING: 1 of 3 activated injections ended OVER_PROVISIONING (33.3%)");
        assertThat(err.toString()).contains("mutineer: 1 of 2 expectation checks violated (exit 6)");
        Element root = junitRoot(junit);
        assertThat(root.getAttribute("tests")).isEqualTo("6");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        assertThat(root.getAttribute("skipped")).isEqualTo("1");
        assertThat(root.getElementsByTagName("testsuite").getLength()).isEqualTo(1);
        assertThat(((Element) root.getElementsByTagName("testsuite").item(0)).getAttribute("name")).isEqualTo("ci");
    }

    @Test
    void expectationsThatHoldExitZero() throws Exception {
        Path file = campaign("""
                expect:
                  - none: CLUSTER_WIDE
                    where: {operator: value}
                  - id: dep0000002
                    is: no-effect
                """);
        assertThat(run("report", results.toString(), "--campaign", file.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("  holds: id dep0000002 is NO_EFFECT: ended NO_EFFECT");
    }

    @Test
    void withoutACampaignNothingIsExpectedAndTheJUnitXmlStillHoldsEveryInjection() throws Exception {
        Path junit = tmp.resolve("junit.xml");
        assertThat(run("report", results.toString(), "--junit", junit.toString())).isEqualTo(ExitCodes.OK);
        Element root = junitRoot(junit);
        assertThat(root.getAttribute("tests")).isEqualTo("4");
        assertThat(((Element) root.getElementsByTagName("testsuite").item(0)).getAttribute("name")).isEqualTo("recorded");
    }

    @Test
    void validateListsTheExpectations() throws Exception {
        Path file = campaign("""
                expect:
                  - at-most: 5% OVER_PROVISIONING
                    where: {dependency: true}
                  - id: dep0000002
                    is: NO_EFFECT
                """);
        assertThat(run("validate", file.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("  expect:      at-most 5% OVER_PROVISIONING where dependency=true; id dep0000002 is NO_EFFECT");
    }

    @Test
    void anInvalidExpectationIsAUsageErrorNamingItsLineAfterTheReportIsWritten() throws Exception {
        Path file = campaign("""
                expect:
                  - none: CLUSTERWIDE
                """);
        assertThat(run("report", results.toString(), "--campaign", file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(file + ":7:11: expect[0].none: unknown outcome class 'CLUSTERWIDE'; "
                + "did you mean 'CLUSTER_WIDE'?").contains("the report is written; the expectations were not checked");
        assertThat(results.resolve("report.html")).isRegularFile();
    }
}
