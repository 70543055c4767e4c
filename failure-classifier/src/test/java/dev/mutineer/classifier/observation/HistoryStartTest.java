package dev.mutineer.classifier.observation;

import dev.mutineer.classifier.observation.HistoryEvent.Change;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryStartTest {

    private static HistoryEvent pod(long t, Change type, String name, String uid, String rv, String phase) {
        return new HistoryEvent(t, type, "Pod", "shop", name, uid, rv, null, Map.of("phase", phase));
    }

    @Test
    void whatHappenedBeforeTheStartIsFoldedIntoTheStateAtTheStart() {
        List<HistoryEvent> history = List.of(
                pod(-3000, Change.LISTED, "web-a", "a", "10", "Running"),
                pod(-3000, Change.LISTED, "web-b", "b", "11", "Running"),
                pod(-2500, Change.LISTED, "db-0", "d1", "12", "Running"),
                pod(-2000, Change.MODIFIED, "web-a", "a", "13", "Pending"),
                pod(-1500, Change.DELETED, "web-b", "b", "14", "Running"), // gone before the start
                pod(-1200, Change.DELETED, "db-0", "d1", "15", "Running"), // recreated under its name
                pod(-1100, Change.ADDED, "db-0", "d2", "16", "Pending"),
                pod(-40, Change.MODIFIED, "web-a", "a", "17", "Running"),
                pod(-20, Change.DELETED, "web-a", "a", "18", "Running"), // the fault's first effect, before the first sample
                pod(500, Change.ADDED, "web-c", "c", "19", "Pending"));

        assertThat(HistoryStart.from(history, -30)).containsExactly(
                pod(-30, Change.LISTED, "db-0", "d2", "16", "Pending"),
                pod(-30, Change.LISTED, "web-a", "a", "17", "Running"),
                pod(-20, Change.DELETED, "web-a", "a", "18", "Running"),
                pod(500, Change.ADDED, "web-c", "c", "19", "Pending"));
    }

    @Test
    void anEmptyHistoryOrOneThatStartsLaterIsLeftAsItIs() {
        assertThat(HistoryStart.from(List.of(), 0)).isEmpty();
        List<HistoryEvent> late = List.of(pod(200, Change.LISTED, "web-a", "a", "1", "Running"),
                pod(900, Change.DELETED, "web-a", "a", "2", "Running"));
        assertThat(HistoryStart.from(late, 0)).isEqualTo(late);
    }
}
