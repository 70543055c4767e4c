package dev.mutineer.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.baseline.ClientBaseline;
import dev.mutineer.classifier.client.ClientImpact;
import dev.mutineer.classifier.client.ClientView;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.cluster.traffic.ClientError;
import dev.mutineer.cluster.traffic.ClientSecond;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The client's view through the journal and into the CSV and HTML reports; kwok-only records keep their form. */
class ClientReportTest {

    private static final Instant START = Instant.parse("2026-12-01T12:00:00Z");
    private static final ClientBaseline BAND = new ClientBaseline(30, 600, 1.0, 1.0, 2_000, 5_000, Map.of());

    /** 10 seconds of 20 requests; seconds [from, until) refused entirely. */
    static ClientView refusedBetween(int from, int until) {
        List<ClientSecond> seconds = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            boolean bad = k >= from && k < until;
            seconds.add(new ClientSecond(START.getEpochSecond() + k, 20, bad ? 0 : 20,
                    bad ? Map.of(ClientError.REFUSED, 20) : Map.of(), bad ? -1 : 2_000, bad ? -1 : 5_000));
        }
        Observation o = new Observation(START, 1000, 10_000, List.of(), List.of(), null, List.of(), seconds);
        return ClientView.of(o, BAND);
    }

    /** The sample mix, with client views on the first four: an outage (recovered), three without impact. */
    private static List<JournalRecord> withTraffic() {
        List<JournalRecord> out = new ArrayList<>();
        List<JournalRecord> sample = SampleResults.generate(8);
        for (int i = 0; i < sample.size(); i++) {
            JournalRecord r = sample.get(i);
            ClientView v = i == 0 ? refusedBetween(2, 5) : i < 4 ? refusedBetween(0, 0) : null;
            out.add(new JournalRecord(r.id(), r.campaign(), r.variant(), r.kind(), r.namespace(), r.name(), r.fieldPath(),
                    r.dependencyField(), r.operator(), r.parameters(), r.oldValue(), r.newValue(), r.activated(), r.outcome(),
                    r.symptoms(), r.timeToFirstSymptomMillis(), r.timeToRecoverMillis(), r.reproduceCommand(), r.startedAt(),
                    r.finishedAt(), r.spec(), null, v));
        }
        return out;
    }

    @Test
    void theClientViewSurvivesTheJournalAndARecordWithoutTrafficKeepsItsForm(@TempDir Path dir) throws Exception {
        List<JournalRecord> results = withTraffic();
        ReportWriterTest.journalOf(dir, results);
        assertThat(Journal.read(dir).records()).containsExactlyElementsOf(results);
        assertThat(Journal.readWithoutObservations(dir).records().get(0).client()).isEqualTo(results.get(0).client());
        List<String> lines = Files.readAllLines(dir.resolve(JournalFile.NAME));
        assertThat(lines.get(0)).contains("\"client\":{");
        assertThat(lines.get(5)).doesNotContain("\"client\"");
        assertThat(lines.get(5)).isEqualTo(JournalFile.JSON.writeValueAsString(SampleResults.generate(8).get(5)));
    }

    @Test
    void aClientFieldThatIsNotAnObjectIsDamage(@TempDir Path dir) throws Exception {
        JournalRecord r = withTraffic().get(0);
        ObjectNode node = JournalFile.JSON.valueToTree(r);
        node.put("client", 5);
        Files.writeString(dir.resolve(JournalFile.NAME), JournalFile.JSON.writeValueAsString(node) + "\n");
        JournalContents contents = Journal.readWithoutObservations(dir);
        assertThat(contents.records()).isEmpty();
        assertThat(contents.skipped()).singleElement().satisfies(s ->
                assertThat(s.reason()).contains("field 'client' is the number 5, expected an object"));
    }

    @Test
    void csvHasTheClientColumnsEmptyWithoutTraffic(@TempDir Path dir) throws Exception {
        ReportPaths paths = ReportWriter.write(ReportWriterTest.journalOf(dir, withTraffic()));
        try (Reader in = Files.newBufferedReader(paths.csv(), StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            assertThat(csv.getHeaderNames()).endsWith(CsvReport.CLIENT_HEADER);
            List<CSVRecord> rows = csv.getRecords();
            CSVRecord outage = rows.get(0);
            assertThat(outage.get("client availability")).isEqualTo("0.7000");
            assertThat(outage.get("client impact")).isEqualTo("OUTAGE");
            assertThat(outage.get("worst second ms")).isEqualTo("2000");
            assertThat(outage.get("worst second availability")).isEqualTo("0.0000");
            assertThat(outage.get("time to first client error ms")).isEqualTo("2000");
            assertThat(outage.get("client time to recover ms")).isEqualTo("3000");
            assertThat(outage.get("client p99 ms")).isEqualTo("5.0");
            assertThat(outage.get("client p99 limit ms")).isEqualTo("25.0");
            assertThat(outage.get("client errors")).isEqualTo("REFUSED=60");
            assertThat(rows.get(1).get("client impact")).isEqualTo("NONE");
            assertThat(rows.get(1).get("time to first client error ms")).isEmpty();
            for (String column : CsvReport.CLIENT_HEADER) {
                assertThat(rows.get(5).get(column)).as(column).isEmpty();
            }
        }
    }

    @Test
    void htmlShowsTheClientViewPerInjectionPerOperatorAndOverall(@TempDir Path dir) throws Exception {
        List<JournalRecord> results = withTraffic();
        String html = Files.readString(ReportWriter.write(ReportWriterTest.journalOf(dir, results)).html());
        assertThat(html).contains("<a href=\"#client\">Client impact</a>", "<h2 id=\"client\">Client impact</h2>");

        Matcher all = Pattern.compile("<table id=\"client-by-operator\">.*?<tr><td>all injections</td><td>(\\d+)</td><td>(\\d+)</td><td[^>]*>(\\d+)</td><td[^>]*>(\\d+)</td><td>([^<]+)</td><td>([^<]+)</td>",
                Pattern.DOTALL).matcher(html);
        assertThat(all.find()).isTrue();
        assertThat(all.group(1)).as("with traffic").isEqualTo("4");
        assertThat(List.of(all.group(2), all.group(3), all.group(4))).as("OUTAGE, DEGRADED, NONE").containsExactly("1", "0", "3");
        assertThat(all.group(5)).as("mean availability").isEqualTo("92.5%");
        assertThat(all.group(6)).as("lowest").isEqualTo("70.0%");
        String op = results.get(0).operator();
        assertThat(html).containsPattern("<tr><td>" + op + "</td><td>2</td>");
        Outcome o = results.get(0).outcome();
        assertThat(html).containsPattern("<table id=\"client-by-outcome\">[\\s\\S]*data-outcome=\"" + o + "\"");

        String outage = html.substring(html.indexOf("<details id=\"i-" + results.get(0).id() + "\""));
        outage = outage.substring(0, outage.indexOf("</details>"));
        assertThat(outage).contains("client OUTAGE", "70.0% of 200 requests in 10 s", "+2.0 s: 0.0%",
                "+5.0 s (3.0 s after the first error)", "REFUSED&#x3D;60", "<polyline", "<circle");
        String without = html.substring(html.indexOf("<details id=\"i-" + results.get(5).id() + "\""));
        without = without.substring(0, without.indexOf("</details>"));
        assertThat(without).doesNotContain("client", "<svg");
    }

    @Test
    void aKwokOnlyReportHasNoClientSection(@TempDir Path dir) throws Exception {
        String html = Files.readString(ReportWriter.write(ReportWriterTest.journalOf(dir, SampleResults.generate(8))).html());
        assertThat(html).doesNotContain("id=\"client\"", "client-by-operator", "Client impact", "class=\"series\"");
        assertThat(ReportModel.of(SampleResults.generate(8)).hasClientTraffic()).isFalse();
        assertThat(refusedBetween(2, 5).impact()).isEqualTo(ClientImpact.OUTAGE);
    }
}
