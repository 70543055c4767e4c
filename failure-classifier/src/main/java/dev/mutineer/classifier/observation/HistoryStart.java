package dev.mutineer.classifier.observation;

import dev.mutineer.classifier.observation.HistoryEvent.Change;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a history starts. The watches open before the fault is written (their first lists take seconds, which the
 * window would otherwise miss), so what they saw before that point is no part of the run: it is folded into one
 * LISTED event per object present at that point, with the object's last state, as if the watches had started then.
 * A pure function.
 */
public final class HistoryStart {

    private HistoryStart() {
    }

    /**
     * @param history    oldest first
     * @param fromMillis the point the run's history begins, on the history's time base
     * @return LISTED events at {@code fromMillis} for what was present then, followed by every event from then on
     */
    public static List<HistoryEvent> from(List<HistoryEvent> history, long fromMillis) {
        Map<String, HistoryEvent> present = new LinkedHashMap<>();
        List<HistoryEvent> after = new ArrayList<>();
        for (HistoryEvent e : history) {
            if (e.t() >= fromMillis) {
                after.add(e);
            } else if (e.type() == Change.DELETED) {
                present.remove(e.key());
            } else {
                present.remove(e.key()); // re-inserted last: the folded events keep the order of the objects' last changes
                present.put(e.key(), e);
            }
        }
        List<HistoryEvent> out = new ArrayList<>(present.size() + after.size());
        present.values().forEach(e -> out.add(new HistoryEvent(fromMillis, Change.LISTED, e.kind(), e.namespace(), e.name(),
                e.uid(), e.resourceVersion(), e.owner(), e.state())));
        out.addAll(after);
        return out;
    }
}
