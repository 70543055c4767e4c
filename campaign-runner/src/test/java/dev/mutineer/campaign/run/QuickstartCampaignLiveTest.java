package dev.mutineer.campaign.run;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.results.JournalRecord;
import dev.mutineer.results.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance: examples/quickstart.yaml as shipped runs end to end on the local backend, every planned
 * injection is recorded, and the outcomes span at least four classes. About ten minutes on 2 cores.
 */
class QuickstartCampaignLiveTest {

    @TempDir
    Path results;

    @Test
    void quickstartRunsEndToEndWithAtLeastFourOutcomeClasses() throws Exception {
        Campaign campaign = new CampaignLoader().load(TestCampaigns.repo().resolve("examples/quickstart.yaml"));
        // As `run` does: the quickstart's real node where this host can run one, else kwok-only (and say so).
        List<String> missing = dev.mutineer.cluster.node.NodePrerequisites.missing();
        boolean realNode = missing.isEmpty();
        if (!realNode) {
            System.out.println("quickstart: real nodes unavailable (" + String.join(", ", missing) + "); running kwok-only");
            campaign = campaign.kwokOnly();
        }
        CampaignRunner.Summary summary;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        try (Progress progress = Progress.lines(new java.io.PrintStream(new TeeStream(printed), true))) {
            summary = new CampaignRunner(campaign, results, false, Integer.MAX_VALUE, progress).run();
        }
        int clusters = Parallelism.parse(campaign.parallelism(), campaign.maxRealNodes());
        System.out.println("quickstart: " + clusters + " cluster(s) side by side");
        for (int k = 1; k <= clusters && clusters > 1; k++) {
            assertThat(printed.toString()).as("parallelism: auto gave " + clusters + " clusters: each ran injections")
                    .contains(" on cluster-" + k + ")");
        }
        List<JournalRecord> records = Journal.read(results).records();
        assertThat(summary.stopped()).isFalse();
        assertThat(records).hasSize(summary.planned()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(records.stream().map(JournalRecord::operator).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("bit-flip", "value", "dependency", "delete", "undecodable");

        Set<Outcome> classes = records.stream().map(JournalRecord::outcome)
                .filter(o -> o != Outcome.NOT_ACTIVATED)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Outcome.class)));
        System.out.println("quickstart classes: " + records.stream()
                .collect(Collectors.groupingBy(JournalRecord::outcome, Collectors.counting())));
        assertThat(classes).as("distinct outcome classes of activated injections").hasSizeGreaterThanOrEqualTo(4);

        if (realNode) {
            List<JournalRecord> withClient = records.stream().filter(r -> r.client() != null).toList();
            System.out.println("quickstart client impact: " + withClient.stream()
                    .collect(Collectors.groupingBy(r -> r.client().impact(), Collectors.counting())));
            assertThat(withClient).as("with a real node every observed injection has the client's view")
                    .hasSize((int) records.stream().filter(r -> r.outcome() != Outcome.NOT_ACTIVATED).count());
        }

        dev.mutineer.results.ReportWriter.write(results);
        String html = Files.readString(results.resolve("report.html"));
        classes.forEach(c -> assertThat(html).contains(c.name()));
        List<String> csv = Files.readAllLines(results.resolve("report.csv"));
        records.forEach(r -> assertThat(csv).anyMatch(line -> line.startsWith(r.id() + ",")));
    }
}
