package dev.mutineer.results;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mutineer.classifier.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The differential table: the same planned injection on each variant, listed when the classes differ. */
class VariantDifferenceTest {

    /** As the campaign runner journals a differential campaign: "SPEC.VARIANT[.N]", the spec naming ID and repetition. */
    static JournalRecord on(String spec, String variant, int repetition, Outcome outcome) {
        String id = spec + "." + variant + (repetition > 1 ? "." + repetition : "");
        return JournalRecord.builder(id).variant(variant).outcome(outcome)
                .target("Deployment", "shop", "web").field("spec.replicas", false).operator("value", java.util.Map.of())
                .spec(JsonNodeFactory.instance.objectNode().put("id", spec).put("repetition", repetition))
                .build();
    }

    private static List<JournalRecord> campaign() {
        return List.of(
                on("aaaa", "gate-on", 1, Outcome.NO_EFFECT),
                on("bbbb", "gate-on", 1, Outcome.TRANSIENT),
                on("bbbb", "gate-on", 2, Outcome.NO_EFFECT),
                on("cccc", "gate-on", 1, Outcome.CLUSTER_WIDE),
                on("aaaa", "gate-off", 1, Outcome.NO_EFFECT),
                on("bbbb", "gate-off", 1, Outcome.OVER_PROVISIONING),
                on("bbbb", "gate-off", 2, Outcome.NO_EFFECT));
    }

    @Test
    void listsTheInjectionsWhoseClassDiffersBetweenVariantsRepetitionByRepetition() {
        List<VariantDifference> d = VariantDifference.of(campaign());

        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.injection()).isEqualTo("bbbb");
            assertThat(x.outcome("gate-on")).isEqualTo(Outcome.TRANSIENT);
            assertThat(x.outcome("gate-off")).isEqualTo(Outcome.OVER_PROVISIONING);
            assertThat(x.records().get("gate-off").id()).isEqualTo("bbbb.gate-off");
        });
        // cccc ran on one variant only: nothing to compare.
        assertThat(VariantDifference.compared(campaign())).isEqualTo(3);
        assertThat(VariantDifference.variants(campaign())).containsExactly("gate-on", "gate-off");
    }

    @Test
    void aCampaignOfOneVariantHasNoDifferences() {
        assertThat(VariantDifference.of(SampleResults.generate(20))).isEmpty();
    }

    @Test
    void aRecordWithoutSpecCountsByItsIdWithoutTheVariant() {
        JournalRecord on = JournalRecord.builder("dddd.a").variant("a").outcome(Outcome.NO_EFFECT).build();
        JournalRecord off = JournalRecord.builder("dddd.b").variant("b").outcome(Outcome.LATENT).build();
        assertThat(VariantDifference.of(List.of(on, off))).extracting(VariantDifference::injection).containsExactly("dddd");
        // The stale-controller scenario's records: no spec ID, the variant after a dash.
        JournalRecord gateOn = JournalRecord.builder("stale-replicaset-gate-on").variant("gate-on").outcome(Outcome.NO_EFFECT).build();
        JournalRecord gateOff = JournalRecord.builder("stale-replicaset-gate-off").variant("gate-off").outcome(Outcome.OVER_PROVISIONING).build();
        assertThat(VariantDifference.of(List.of(gateOn, gateOff))).extracting(VariantDifference::injection)
                .containsExactly("stale-replicaset");
    }

    @Test
    void theReportShowsTheTableSideBySideWithLinksToBothRecords(@TempDir Path dir) throws Exception {
        String html = Files.readString(ReportWriter.write(ReportWriterTest.journalOf(dir, campaign())).html());

        Matcher table = Pattern.compile("<table id=\"variant-differences\">(.*?)</table>", Pattern.DOTALL).matcher(html);
        assertThat(table.find()).isTrue();
        assertThat(table.group(1)).contains("<th>gate-on</th><th>gate-off</th>");
        Matcher row = Pattern.compile("<tr><td><code>(\\w+)</code>.*?</tr>").matcher(table.group(1).split("</thead>")[1]);
        assertThat(row.find()).isTrue();
        assertThat(row.group(1)).isEqualTo("bbbb");
        assertThat(row.group()).containsSubsequence("href=\"#i-bbbb.gate-on\"", "TRANSIENT", "href=\"#i-bbbb.gate-off\"", "OVER_PROVISIONING");
        assertThat(row.find()).as("only one row").isFalse();
        // Both links land on a record of the report.
        assertThat(html).contains("<details id=\"i-bbbb.gate-on\">", "<details id=\"i-bbbb.gate-off\">");
        assertThat(html).contains("1 of the 3 injections that ran on at least two ended in a different class");
    }

    /**
     * Records of a real differential campaign (two feature-gate variants, kwok-only, recorded 2026-12-01; observations
     * left out): the IDs and specs the runner writes pair up. Both variants agreed; one verdict is then changed, as if
     * the gate had mattered, to see the row with its links.
     */
    @Test
    void theRecordsOfARealDifferentialCampaignPairUpByTheirSpecs(@TempDir Path dir) throws Exception {
        List<String> lines;
        try (var in = VariantDifferenceTest.class.getResourceAsStream("/recorded/differential/journal.jsonl")) {
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
        Files.write(dir.resolve("journal.jsonl"), lines);
        List<JournalRecord> recorded = Journal.read(dir).records();
        assertThat(VariantDifference.compared(recorded)).isEqualTo(2);
        assertThat(VariantDifference.of(recorded)).isEmpty();

        Files.write(dir.resolve("journal.jsonl"), lines.stream().map(l -> l.startsWith("{\"id\":\"0kqn1sw2t6.gates-off\"")
                ? l.replace("\"outcome\":\"LATENT\"", "\"outcome\":\"SERVICE_NETWORKING\"") : l).toList());
        String html = Files.readString(ReportWriter.write(dir).html());
        assertThat(html).contains("1 of the 2 injections that ran on at least two ended in a different class")
                .containsPattern("<tr><td><code>0kqn1sw2t6</code></td><td>Service shop/db</td>.*href=\"#i-0kqn1sw2t6.gates-on\".*LATENT"
                        + ".*href=\"#i-0kqn1sw2t6.gates-off\".*SERVICE_NETWORKING.*</tr>");
    }

    @Test
    void aReportOfOneVariantHasNoDifferentialSection(@TempDir Path dir) throws Exception {
        String html = Files.readString(ReportWriter.write(ReportWriterTest.journalOf(dir, SampleResults.generate(5))).html());
        assertThat(html).doesNotContain("id=\"differences\"");
    }
}
