package dev.mutineer.results;

import dev.mutineer.classifier.observation.HistoryEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The history's changes of one second and one change type, for the timeline's change strip: a watch can deliver
 * hundreds of changes in a window, so one tick a second and type keeps the chart small while its title still says
 * what changed.
 *
 * @param second  whole seconds since the observation's first sample (negative before it: the watches start just
 *                after the fault is written, before the first sample)
 * @param type    ADDED, MODIFIED or DELETED (what the list at the start showed, LISTED, is no change)
 * @param count   changes of that second and type
 * @param byKind  how many of them per kind ("Pod" 2, "EndpointSlice" 1)
 * @param names   the changed objects' keys, the first {@link #NAMED} of them, for the tick's title
 */
public record TimelineChanges(long second, HistoryEvent.Change type, int count, Map<String, Integer> byKind,
                              List<String> names) {

    static final int NAMED = 4;

    public TimelineChanges {
        byKind = Map.copyOf(byKind);
        names = List.copyOf(names);
    }

    /** The history's changes binned, by second, then type in the order of {@link HistoryEvent.Change}. */
    public static List<TimelineChanges> of(List<HistoryEvent> history) {
        Map<Long, Map<HistoryEvent.Change, List<HistoryEvent>>> bins = new TreeMap<>();
        for (HistoryEvent e : history) {
            if (e.type() == HistoryEvent.Change.LISTED) {
                continue;
            }
            bins.computeIfAbsent(Math.floorDiv(e.t(), 1000L), s -> new TreeMap<>()).computeIfAbsent(e.type(), c -> new ArrayList<>()).add(e);
        }
        List<TimelineChanges> out = new ArrayList<>();
        bins.forEach((second, byType) -> byType.forEach((type, events) -> {
            Map<String, Integer> kinds = new TreeMap<>();
            events.forEach(e -> kinds.merge(e.kind(), 1, Integer::sum));
            List<String> names = events.stream().map(HistoryEvent::key).distinct().limit(NAMED).toList();
            out.add(new TimelineChanges(second, type, events.size(), kinds, names));
        }));
        return out;
    }

    /** "2 Pod, 1 EndpointSlice". */
    public String kinds() {
        List<String> parts = new ArrayList<>();
        byKind.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).forEach(e -> parts.add(e.getValue() + " " + e.getKey()));
        return String.join(", ", parts);
    }
}
