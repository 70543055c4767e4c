package dev.mutineer.cli;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.Symptom;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.results.Journal;
import dev.mutineer.results.JournalRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `compare A B` on two recorded journals: matching by ID whatever the order, the differences, the exit codes. */
class CompareCliTest {

    @TempDir
    Path tmp;

    private static JournalRecord rec(String id, Outcome o, Symptom... symptoms) {
        return JournalRecord.builder(id).campaign("quickstart").target("EndpointSlice", "shop", "backend-x")
                .field("endpoints[0].addresses", false).operator("value", Map.of()).activated(true).outcome(o)
                .symptoms(List.of(symptoms)).build();
    }

    private Path journal(String name, JournalRecord... records) {
        Path dir = tmp.resolve(name);
        try (Journal j = Journal.open(dir)) {
            for (JournalRecord r : records) {
                j.append(r);
            }
        }
        return dir;
    }

    private static final Symptom CLIENT = new Symptom(SymptomKind.CLIENT_ERRORS, Outcome.SERVICE_NETWORKING, "client",
            "TIMEOUT", "4 of 20", "availability >= 100.0%", 1000L, 2000L, true);

    @Test
    void recordsAreMatchedByIdAndEachDifferenceIsNamedWithItsEvidence() {
        Path serial = journal("serial", rec("aaaaaaaaaa", Outcome.NO_EFFECT), rec("bbbbbbbbbb", Outcome.TRANSIENT),
                rec("cccccccccc", Outcome.LATENT), rec("dddddddddd", Outcome.CLUSTER_WIDE));
        // Another order, as clusters side by side finish them; one class differs.
        Path parallel = journal("parallel", rec("dddddddddd", Outcome.CLUSTER_WIDE), rec("cccccccccc", Outcome.LATENT),
                rec("bbbbbbbbbb", Outcome.SERVICE_NETWORKING, CLIENT), rec("aaaaaaaaaa", Outcome.NO_EFFECT));
        CliRun run = CliRun.of("compare", serial.toString(), parallel.toString());
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(run.out()).contains("in both: 4; in A only: 0; in B only: 0", "same class: 3 of 4 (75.0%)",
                "TRANSIENT -> SERVICE_NETWORKING: 1", "bbbbbbbbbb value EndpointSlice shop/backend-x endpoints[0].addresses",
                "[CLIENT_ERRORS client]", "agreement 75.0% is below --min-agreement 100%");
        assertThat(run.out()).doesNotContain("aaaaaaaaaa");

        CliRun enough = CliRun.of("compare", serial.toString(), parallel.toString(), "--min-agreement", "75");
        assertThat(enough.code()).as(enough.out()).isEqualTo(ExitCodes.OK);
        assertThat(enough.out()).doesNotContain("below --min-agreement");
    }

    @Test
    void whenOneIdHitAnotherFieldOnTheOtherSideBothAreNamed() {
        JournalRecord serial = JournalRecord.builder("ffffffffff").target("Pod", "shop", "db-1")
                .field("metadata.managedFields[1].fieldsV1.Raw", false).operator("bit-flip", Map.of()).activated(true)
                .outcome(Outcome.CLUSTER_WIDE).build();
        JournalRecord parallel = JournalRecord.builder("ffffffffff").target("Pod", "shop", "db-1")
                .field("spec.containers[0].ports[0].name", false).operator("bit-flip", Map.of()).activated(true)
                .outcome(Outcome.LATENT).build();
        CliRun run = CliRun.of("compare", journal("a", serial).toString(), journal("b", parallel).toString());
        assertThat(run.out()).contains("ffffffffff bit-flip Pod\n",
                "A CLUSTER_WIDE       shop/db-1 metadata.managedFields[1].fieldsV1.Raw []",
                "B LATENT             shop/db-1 spec.containers[0].ports[0].name []");
    }

    @Test
    void anIdOnOneSideOnlyIsADifferenceWhateverTheAgreement() {
        Path a = journal("a", rec("aaaaaaaaaa", Outcome.NO_EFFECT), rec("bbbbbbbbbb", Outcome.LATENT));
        Path b = journal("b", rec("aaaaaaaaaa", Outcome.NO_EFFECT), rec("eeeeeeeeee", Outcome.LATENT));
        CliRun run = CliRun.of("compare", a.toString(), b.toString(), "--min-agreement", "0");
        assertThat(run.code()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(run.out()).contains("in both: 1; in A only: 1; in B only: 1", "in A only: bbbbbbbbbb",
                "in B only: eeeeeeeeee", "same class: 1 of 1 (100.0%)");
    }

    @Test
    void aDirectoryWithoutAJournalIsAUsageError() {
        Path a = journal("a", rec("aaaaaaaaaa", Outcome.NO_EFFECT));
        CliRun run = CliRun.of("compare", a.toString(), tmp.resolve("nothing").toString());
        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("nothing holds no journal.jsonl");
        assertThat(CliRun.of("compare", a.toString(), a.toString(), "--min-agreement", "120").code()).isEqualTo(ExitCodes.USAGE);
    }
}
