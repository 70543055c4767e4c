package dev.mutineer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.observation.ObservationJson;
import dev.mutineer.results.ReclassifiedFile;
import dev.mutineer.results.Reclassification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `report --reclassify` over a campaign recorded before the endpoint, routing and orphan history rules
 * (src/test/resources/recorded/reclassify-small): the current classifier judges the stored observations against the
 * stored baseline, the journal stays byte for byte as it was, and only the verdicts the new rules explain change.
 */
class ReclassifyCliTest {

    private static final ObjectMapper JSON = ObservationJson.mapper();

    private static Path recorded(Path dir) throws Exception {
        String base = "/recorded/reclassify-small/";
        try (InputStream gz = new GZIPInputStream(ReclassifyCliTest.class.getResourceAsStream(base + "journal.jsonl.gz"));
             InputStream baseline = ReclassifyCliTest.class.getResourceAsStream(base + "baseline-default.json")) {
            Files.copy(gz, dir.resolve("journal.jsonl"));
            Files.copy(baseline, dir.resolve("baseline-default.json"));
        }
        return dir;
    }

    @Test
    void theCurrentRulesChangeOnlyTheVerdictsTheyExplainAndTheJournalStaysAsRecorded(@TempDir Path tmp) throws Exception {
        Path dir = recorded(tmp);
        byte[] journal = Files.readAllBytes(dir.resolve("journal.jsonl"));

        CliRun run = CliRun.of("report", dir.toString(), "--reclassify");

        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readAllBytes(dir.resolve("journal.jsonl"))).isEqualTo(journal);
        assertThat(run.out()).contains("RECLASSIFIED", "of 15 changed class (15 judged again, 0 kept as recorded)",
                "yctxbm90sa  UNDER_PROVISIONING -> OVER_PROVISIONING  dependency ReplicaSet shop/frontend-cffdbfc9d "
                        + "metadata.ownerReferences[0].name",
                "+ ORPHANED_OBJECT ReplicaSet/shop/frontend-cffdbfc9d controller=owner Deployment/frontend-cffdbfc9d",
                "2js4fk2f6p  UNDER_PROVISIONING -> OVER_PROVISIONING");

        List<Reclassification> lines = Files.readAllLines(dir.resolve(ReclassifiedFile.JSONL)).stream()
                .map(ReclassifyCliTest::read).toList();
        assertThat(lines).hasSize(15);
        // At this commit exactly these two change; a later rule may explain more of them.
        assertThat(lines).filteredOn(Reclassification::changed).extracting(Reclassification::id)
                .contains("yctxbm90sa", "2js4fk2f6p");
        // The facts rebuilt from each record are those the run classified with: whether the corrupted value was still
        // stored at the end (the two LATENT ones: same revision; a key gone that was not deleted by the fault: not).
        Map<String, Reclassification> byId = lines.stream().collect(Collectors.toMap(Reclassification::id, Function.identity()));
        assertThat(byId.get("efq9r4sxeb").outcome()).isEqualTo(Outcome.LATENT);
        assertThat(byId.get("e56789jad3").outcome()).isEqualTo(Outcome.LATENT);
        assertThat(byId.get("3x4z4kan1n").outcome()).isEqualTo(Outcome.NO_EFFECT);
        assertThat(byId.get("zk58mp2mz1").outcome()).isEqualTo(Outcome.NO_EFFECT);
        assertThat(Files.readAllLines(dir.resolve(ReclassifiedFile.CSV))).hasSize(16);
    }

    private static Reclassification read(String line) {
        try {
            return JSON.readValue(line, Reclassification.class);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
