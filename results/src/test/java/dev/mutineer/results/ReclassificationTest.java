package dev.mutineer.results;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.Symptom;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A recorded verdict against the current one: what changed and the symptoms that decided it. */
class ReclassificationTest {

    private static final Symptom PODS_ZERO = new Symptom(SymptomKind.PODS_BELOW_GOLDEN, Outcome.UNDER_PROVISIONING,
            "Deployment/shop/frontend", "pods", "0", "3..3", 0, 9_000, true);
    private static final Symptom ORPHAN = new Symptom(SymptomKind.ORPHANED_OBJECT, Outcome.OVER_PROVISIONING,
            "ReplicaSet/shop/frontend-1", "controller", "owner Deployment/frontend-1 (uid u) absent at the end", "<= 0", 0,
            9_000, true);
    private static final Symptom WARNING = new Symptom(SymptomKind.WARNING_EVENT, null, "Pod/shop/x", "FailedMount",
            "1", "none", 100, 100, false);

    private static JournalRecord recorded(Outcome outcome, Symptom... symptoms) {
        return JournalRecord.builder("abc123").campaign("c").target("ReplicaSet", "shop", "frontend-1")
                .field("metadata.ownerReferences[0].name", true).operator("dependency", java.util.Map.of())
                .outcome(outcome).symptoms(List.of(symptoms)).build();
    }

    @Test
    void aNewDecisiveSymptomThatWinsByPrecedenceIsTheReasonTheClassChanged() {
        Verdict now = new Verdict(Outcome.OVER_PROVISIONING, "OVER_PROVISIONING: symptom(s) still present at the end",
                List.of(ORPHAN, PODS_ZERO, WARNING), 0L, null);
        Reclassification r = Reclassification.of(recorded(Outcome.UNDER_PROVISIONING, PODS_ZERO), now);

        assertThat(r.changed()).isTrue();
        assertThat(r.recorded()).isEqualTo(Outcome.UNDER_PROVISIONING);
        assertThat(r.outcome()).isEqualTo(Outcome.OVER_PROVISIONING);
        assertThat(r.added()).containsExactly(ORPHAN);
        assertThat(r.dropped()).isEmpty();
        assertThat(r.because()).containsExactly("+ " + ORPHAN.describe());
        assertThat(r.object()).isEqualTo("shop/frontend-1");
    }

    @Test
    void aClassThatLostItsEvidenceNamesTheRecordedSymptomsThatAreGone() {
        Verdict now = new Verdict(Outcome.NO_EFFECT, "NO_EFFECT: no symptom", List.of(WARNING), null, null);
        Reclassification r = Reclassification.of(recorded(Outcome.UNDER_PROVISIONING, PODS_ZERO, WARNING), now);
        assertThat(r.changed()).isTrue();
        assertThat(r.dropped()).containsExactly(PODS_ZERO);
        assertThat(r.because()).containsExactly("- " + PODS_ZERO.describe());
    }

    @Test
    void theSameClassWithTheSameSymptomsIsNoChangeAndAKeptRecordKeepsItsVerdict() {
        Verdict now = new Verdict(Outcome.UNDER_PROVISIONING, "r", List.of(PODS_ZERO), 0L, null);
        Reclassification same = Reclassification.of(recorded(Outcome.UNDER_PROVISIONING, PODS_ZERO), now);
        assertThat(same.changed()).isFalse();
        assertThat(same.added()).isEmpty();
        assertThat(same.dropped()).isEmpty();

        Reclassification kept = Reclassification.kept(recorded(Outcome.NOT_ACTIVATED), "not activated");
        assertThat(kept.changed()).isFalse();
        assertThat(kept.outcome()).isEqualTo(Outcome.NOT_ACTIVATED);
        assertThat(kept.kept()).isEqualTo("not activated");
    }

    @Test
    void theFilesHoldOneLineAndOneRowPerInjection(@TempDir Path dir) throws Exception {
        Verdict now = new Verdict(Outcome.OVER_PROVISIONING, "r", List.of(ORPHAN, PODS_ZERO), 0L, null);
        List<Reclassification> all = List.of(Reclassification.of(recorded(Outcome.UNDER_PROVISIONING, PODS_ZERO), now),
                Reclassification.kept(recorded(Outcome.NOT_ACTIVATED), "not activated"));
        ReclassifiedFile.write(dir, all);

        List<String> lines = Files.readAllLines(dir.resolve(ReclassifiedFile.JSONL));
        assertThat(lines).hasSize(2);
        Reclassification back = JournalFile.JSON.readValue(lines.get(0), Reclassification.class);
        assertThat(back).isEqualTo(all.get(0));
        List<String> csv = Files.readAllLines(dir.resolve(ReclassifiedFile.CSV));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(1)).startsWith("abc123,default,ReplicaSet,shop/frontend-1,metadata.ownerReferences[0].name,"
                + "dependency,UNDER_PROVISIONING,OVER_PROVISIONING,true,\"+ ORPHANED_OBJECT");
        assertThat(csv.get(2)).endsWith(",false,,,,not activated");
    }
}
