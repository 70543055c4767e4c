package dev.mutineer.results;

import dev.mutineer.classifier.Outcome;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportWriterTest {

    private static final int N = 37;

    static Path journalOf(Path dir, List<JournalRecord> results) {
        try (Journal j = Journal.open(dir)) {
            results.forEach(j::append);
        }
        return dir;
    }

    @Test
    void csvHasOneRowPerInjectionWithItsFields(@TempDir Path dir) throws Exception {
        List<JournalRecord> results = SampleResults.generate(N);
        ReportPaths paths = ReportWriter.write(journalOf(dir, results));
        assertThat(paths.csv()).isEqualTo(dir.resolve("report.csv"));
        assertThat(paths.results()).isEqualTo(N);

        try (Reader in = Files.newBufferedReader(paths.csv(), StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            assertThat(csv.getHeaderNames()).containsExactly(CsvReport.HEADER);
            List<CSVRecord> rows = csv.getRecords();
            assertThat(rows).hasSize(N);
            for (int i = 0; i < N; i++) {
                JournalRecord r = results.get(i);
                CSVRecord row = rows.get(i);
                assertThat(row.get("id")).isEqualTo(r.id());
                assertThat(row.get("kind")).isEqualTo(r.kind());
                assertThat(row.get("object")).isEqualTo("default/" + r.name());
                assertThat(row.get("field")).isEqualTo(r.fieldPath());
                assertThat(row.get("operator")).isEqualTo(r.operator());
                assertThat(row.get("old value")).isEqualTo(r.oldValue());
                assertThat(row.get("new value")).isEqualTo(r.newValue());
                assertThat(row.get("class")).isEqualTo(r.outcome().name());
                assertThat(row.get("time to first symptom ms")).isEqualTo(r.timeToFirstSymptomMillis() == null ? "" : r.timeToFirstSymptomMillis().toString());
                assertThat(row.get("time to recover ms")).isEqualTo(r.timeToRecoverMillis() == null ? "" : r.timeToRecoverMillis().toString());
                assertThat(row.get("reproduce")).isEqualTo("mutineer reproduce " + r.id() + " --results " + dir.toAbsolutePath().normalize());
                if (r.symptoms().isEmpty()) {
                    assertThat(row.get("symptoms")).isEmpty();
                } else {
                    assertThat(row.get("symptoms")).contains("READY_BELOW_GOLDEN " + r.kind() + "/default/" + r.name() + " ready=0 (golden 3)");
                }
            }
        }
    }

    @Test
    void htmlShowsTheCountPerClassAndEveryInjectionsReproduceCommand(@TempDir Path dir) throws Exception {
        List<JournalRecord> results = SampleResults.generate(N);
        String html = Files.readString(ReportWriter.write(journalOf(dir, results)).html());

        Map<Outcome, Integer> expected = new java.util.EnumMap<>(Outcome.class);
        results.forEach(r -> expected.merge(r.outcome(), 1, Integer::sum));
        for (Outcome o : Outcome.values()) {
            Matcher m = Pattern.compile("data-outcome=\"" + o + "\">.*?<td class=\"count\">(\\d+)</td>").matcher(html);
            assertThat(m.find()).as("row for " + o).isTrue();
            assertThat(Integer.parseInt(m.group(1))).as("count of " + o).isEqualTo(expected.getOrDefault(o, 0));
        }
        assertThat(html).contains("<b id=\"total\">" + N + "</b>");
        assertThat(html).contains("<b id=\"not-activated\">" + expected.get(Outcome.NOT_ACTIVATED) + "</b>");
        for (JournalRecord r : results) {
            assertThat(html).contains("id=\"i-" + r.id() + "\"");
            assertThat(html).contains("mutineer reproduce " + r.id() + " --results " + dir.toAbsolutePath().normalize());
        }
        assertThat(html).contains("By operator", "By kind", "By field", "Dependency fields against the rest", "Slowest recoveries");
        assertThat(html).contains("dependency fields", "other fields");
        assertThat(html).contains("<svg class=\"chart\"");
    }

    @Test
    void htmlIsSelfContained(@TempDir Path dir) throws Exception {
        String html = Files.readString(ReportWriter.write(journalOf(dir, SampleResults.generate(N))).html());
        assertThat(Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:|//)").matcher(html).find())
                .as("no external src/href").isFalse();
        assertThat(html).doesNotContain("http://", "https://");
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link").doesNotContainIgnoringCase("@import");
    }

    @Test
    void valuesFromTheClusterAreEscaped(@TempDir Path dir) throws Exception {
        JournalRecord evil = JournalRecord.builder("evil01").campaign("c").target("ConfigMap", "default", "x")
                .field("data.page", false).operator("set-string", Map.of()).values("a", "<script>alert(1)</script>")
                .outcome(Outcome.LATENT).build();
        String html = Files.readString(ReportWriter.write(journalOf(dir, List.of(evil))).html());
        assertThat(html).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void slowestRecoveriesAreListedLongestFirst(@TempDir Path dir) throws Exception {
        List<JournalRecord> results = SampleResults.generate(N);
        ReportModel model = ReportModel.of(results);
        assertThat(model.slowestRecoveries()).isNotEmpty()
                .isSortedAccordingTo((a, b) -> Long.compare(b.timeToRecoverMillis(), a.timeToRecoverMillis()));
        String html = Files.readString(ReportWriter.write(journalOf(dir, results)).html());
        String slowestId = model.slowestRecoveries().get(0).id();
        assertThat(html.indexOf("href=\"#i-" + slowestId + "\"")).isBetween(html.indexOf("id=\"slowest\""), html.indexOf("id=\"injections\""));
    }

    @Test
    void differentialCampaignGetsAPerConfigurationSection(@TempDir Path dir) throws Exception {
        List<JournalRecord> a = SampleResults.generate(4);
        List<JournalRecord> both = new java.util.ArrayList<>(a);
        for (JournalRecord r : a) {
            both.add(JournalRecord.builder(r.id() + "-gate").campaign(r.campaign()).variant("StaleControllerConsistency=false")
                    .target(r.kind(), r.namespace(), r.name()).field(r.fieldPath(), r.dependencyField())
                    .operator(r.operator(), r.parameters()).outcome(Outcome.OVER_PROVISIONING).build());
        }
        String html = Files.readString(ReportWriter.write(journalOf(dir, both)).html());
        assertThat(html).contains("By cluster configuration", "StaleControllerConsistency=false", ">default<");
        assertThat(Files.readString(dir.resolve("report.csv"))).contains("StaleControllerConsistency=false");
    }

    @Test
    void tornJournalStillReportsAndSaysWhatItSkipped(@TempDir Path dir) throws Exception {
        journalOf(dir, SampleResults.generate(3));
        Files.writeString(dir.resolve("journal.jsonl"), "{\"id\":\"half", StandardOpenOption.APPEND);
        ReportPaths paths = ReportWriter.write(dir);
        assertThat(paths.results()).isEqualTo(3);
        assertThat(paths.warnings()).singleElement().asString().contains("journal.jsonl:4: incomplete");
        assertThat(Files.readString(paths.html())).contains("1 journal lines skipped", "Skipped journal lines",
                "<td>4</td><td><code></code></td>", "incomplete (");
    }

    @Test
    void directoryWithoutJournalIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> ReportWriter.write(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no journal in").hasMessageContaining("journal.jsonl");
    }

    @Test
    void symlinkedReportsAreReplacedAndTheirTargetsLeftUntouched(@TempDir Path tmp) throws Exception {
        Path dir = journalOf(tmp.resolve("results"), SampleResults.generate(3));
        Path outside = Files.writeString(tmp.resolve("precious.txt"), "not mutineer's\n");
        Files.createSymbolicLink(dir.resolve("report.csv"), outside);
        Files.createSymbolicLink(dir.resolve("report.html"), outside);

        ReportPaths paths = ReportWriter.write(dir);

        assertThat(Files.readString(outside)).isEqualTo("not mutineer's\n");
        assertThat(paths.csv()).isRegularFile().satisfies(p -> assertThat(Files.isSymbolicLink(p)).isFalse());
        assertThat(paths.html()).isRegularFile().satisfies(p -> assertThat(Files.isSymbolicLink(p)).isFalse());
        assertThat(Files.readAllLines(paths.csv())).hasSize(4);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("journal.jsonl", "report.csv", "report.html");
        }
    }

    @Test
    void aDamagedJournalReportsItsGoodRecordsAndListsTheSkippedLines(@TempDir Path dir) throws Exception {
        List<JournalRecord> results = SampleResults.generate(3);
        journalOf(dir, results.subList(0, 2));
        Files.writeString(dir.resolve("journal.jsonl"), "null\n{\"id\": \"x<b>\"}\n"
                + JournalFile.JSON.writeValueAsString(results.get(0)) + "\n", StandardOpenOption.APPEND);

        ReportPaths paths = ReportWriter.write(dir);

        assertThat(paths.results()).isEqualTo(2);
        assertThat(paths.warnings()).containsExactly(
                dir.resolve("journal.jsonl") + ":3: holds null, not a result record; skipped",
                dir.resolve("journal.jsonl") + ":4: not a valid result: field 'outcome' is missing; field 'activated' is missing; skipped",
                dir.resolve("journal.jsonl") + ":5: a second record for injection " + results.get(0).id()
                        + " (the first, on line 1, counts); skipped");
        String html = Files.readString(paths.html());
        assertThat(html).contains("3 journal lines skipped", "<h2 id=\"skipped\">Skipped journal lines</h2>",
                "<td>3</td><td><code></code></td><td style=\"text-align:left\">holds null, not a result record</td>",
                "<td>4</td><td><code>x&lt;b&gt;</code></td>", "<b id=\"total\">2</b>");
        assertThat(Files.readAllLines(paths.csv())).hasSize(3);
    }
}
