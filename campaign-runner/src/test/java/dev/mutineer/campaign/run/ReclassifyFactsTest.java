package dev.mutineer.campaign.run;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.results.JournalRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What --reclassify tells the classifier the injector knew: the recorded answer, else one derived from the record. */
class ReclassifyFactsTest {

    private static JournalRecord record(String operator, String storedAtEnd, Boolean recordedAnswer) {
        ObjectNode spec = JsonNodeFactory.instance.objectNode();
        ObjectNode injected = spec.putObject("injected");
        injected.put("key", "/registry/deployments/shop/web");
        injected.put("revisionAfter", 812);
        if (recordedAnswer != null) {
            spec.put("corruptedStillStored", recordedAnswer);
        }
        Observation o = new Observation(Instant.EPOCH, 1000, 3000, List.of(), List.of(), null, List.of())
                .withStoredValueAtEnd(storedAtEnd);
        return JournalRecord.builder("id1").target("Deployment", "shop", "web").operator(operator, Map.of())
                .activated(true).outcome(Outcome.LATENT).spec(spec).observation(o).build();
    }

    @Test
    void theFaultsRecordedAnswerWins() {
        assertThat(Reclassify.corruptedStillStored(record("value", "sha256:ab rev 900", true))).isTrue();
        assertThat(Reclassify.corruptedStillStored(record("value", "sha256:ab rev 812", false))).isFalse();
    }

    @Test
    void withoutOneTheStoredRevisionDecides() {
        assertThat(Reclassify.corruptedStillStored(record("value", "sha256:ab rev 812", null))).isTrue();
        assertThat(Reclassify.corruptedStillStored(record("value", "sha256:ab rev 900", null))).isFalse();
        assertThat(Reclassify.corruptedStillStored(record("delete", "(absent)", null))).isTrue();
        assertThat(Reclassify.corruptedStillStored(record("value", "(absent)", null))).isFalse();
    }
}
