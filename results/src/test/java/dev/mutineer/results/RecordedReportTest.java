package dev.mutineer.results;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report of a real recorded results directory: three records of a small quickstart (one real node with client
 * traffic; mutineer's main of 2026-12-01 with histories) and the baseline it learned, in the test resources under
 * recorded/quickstart-small. A DaemonSet whose template got a nodeName (UNDER_PROVISIONING: 8 pods where the golden
 * runs had 11), a ReplicaSet whose container was renamed (TRANSIENT: pods churned before and after the first sample)
 * and a deleted ReplicaSet that the Deployment recreated before the first sample (NO_EFFECT).
 */
class RecordedReportTest {

    private static final String RECORDED = "/recorded/quickstart-small/";
    private static final String UNDER = "df8072e9tr";
    private static final String TRANSIENT = "tjxb90jhm2";
    private static final String NO_EFFECT = "sdcw4yen3z";

    @TempDir
    static Path dir;
    private static String html;

    @BeforeAll
    static void render() throws IOException {
        for (String f : List.of("journal.jsonl", "baseline-default.json")) {
            try (InputStream in = RecordedReportTest.class.getResourceAsStream(RECORDED + f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
        html = Files.readString(ReportWriter.write(dir).html());
    }

    private static String timelineOf(String id) {
        Matcher m = Pattern.compile("<details id=\"i-" + id + "\">.*?(<svg class=\"timeline\".*?</svg>).*?</details>",
                Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("a timeline in the details of " + id).isTrue();
        return m.group(1);
    }

    @Test
    void everyRecordedInjectionHasAWellFormedTimelineWithTheClientsLane() throws Exception {
        for (String id : List.of(UNDER, TRANSIENT, NO_EFFECT)) {
            String svg = timelineOf(id);
            DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            assertThat(svg).contains(">pods<", ">ready replicas<", ">ready endpoints<", ">client success<");
            assertThat(svg.split("class=\"band\"", -1)).as("a golden band per lane").hasSize(5);
        }
    }

    @Test
    void theUnderProvisionedDaemonSetShowsItsPodsBelowTheGoldenBandThroughout() {
        String svg = timelineOf(UNDER);
        assertThat(svg).contains("golden 11</tspan><tspan x=\"142\" dy=\"12\">seen 8</tspan>");
        // All 11 samples of pods and of ready replicas below the band.
        assertThat(svg.split("<circle ", -1)).hasSize(23);
        assertThat(svg).contains("<title>first symptom at +0.0 s</title>");
        assertThat(svg).contains("DESIRED_BELOW_GOLDEN DaemonSet/shop/node-agent");
    }

    @Test
    void theChurnOfTheTransientInjectionIsOnTheChangeStripAsTheHistoryRecordedIt() throws Exception {
        JsonNode record = JournalFile.JSON.readTree(Files.readAllLines(dir.resolve("journal.jsonl")).stream()
                .filter(l -> l.contains("\"id\":\"" + TRANSIENT + "\"")).findFirst().orElseThrow());
        int changes = 0;
        long earliest = 0;
        for (JsonNode e : record.path("observation").path("history")) {
            earliest = Math.min(earliest, e.path("t").asLong());
            if (!"LISTED".equals(e.path("type").asText())) {
                changes++;
            }
        }
        String svg = timelineOf(TRANSIENT);
        assertThat(changes).isPositive();
        assertThat(svg).contains("history changes<tspan x=\"142\" dy=\"12\">" + changes + "</tspan>");
        assertThat(svg).contains(String.format(java.util.Locale.ROOT, "%.1f s before the first sample", -earliest / 1000.0));
        assertThat(svg).contains("<line class=\"zero\"", " DELETED (", " MODIFIED (");
    }

    @Test
    void aTimelineAddsAFewKilobytesAnInjection() {
        for (String id : List.of(UNDER, TRANSIENT, NO_EFFECT)) {
            assertThat(timelineOf(id).length()).as(id).isLessThan(8_000);
        }
    }
}
