package dev.mutineer.classifier.observation;

import dev.mutineer.classifier.observation.HistoryEvent.Change;
import dev.mutineer.classifier.observation.HistoryEvent.Owner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What the history rules and the baseline derive from a history. Pure functions. */
public final class HistoryFacts {

    /** The kinds whose controlling owner the ownership rule follows. */
    private static final Set<String> OWNED_KINDS = Set.of("Pod", "ReplicaSet", "StatefulSet", "DaemonSet", "Deployment");

    private HistoryFacts() {
    }

    /** The pods a workload's controller created and the pods of it that were deleted within the window. */
    public record PodChurn(List<HistoryEvent> created, List<HistoryEvent> deleted) {
        public PodChurn {
            created = List.copyOf(created);
            deleted = List.copyOf(deleted);
        }
    }

    /**
     * A change of an object's controlling owner seen by a watch.
     *
     * @param event the MODIFIED event that showed the new owner
     * @param from  the owner before; null when it had none
     * @param to    the owner after; null when it was released
     */
    public record OwnerChange(HistoryEvent event, Owner from, Owner to) {
        /** "ReplicaSet/web-1 -> none". */
        public String describe() {
            return (from == null ? "none" : from.describe()) + " -> " + (to == null ? "none" : to.describe());
        }
    }

    /**
     * Per controlling workload ("ReplicaSet/default/web-5d8f"), the pods ADDED and DELETED up to {@code untilMillis}.
     * Pods present when the watch started (LISTED) are not churn; pods without a controller are left out (the orphan
     * rule judges them).
     */
    public static Map<String, PodChurn> podChurn(List<HistoryEvent> history, long untilMillis) {
        Map<String, List<HistoryEvent>> created = new TreeMap<>();
        Map<String, List<HistoryEvent>> deleted = new TreeMap<>();
        for (HistoryEvent e : history) {
            if (!"Pod".equals(e.kind()) || e.owner() == null || e.t() > untilMillis) {
                continue;
            }
            if (e.type() == Change.ADDED) {
                created.computeIfAbsent(e.ownerKey(), k -> new ArrayList<>()).add(e);
            } else if (e.type() == Change.DELETED) {
                deleted.computeIfAbsent(e.ownerKey(), k -> new ArrayList<>()).add(e);
            }
        }
        Set<String> workloads = new TreeSet<>(created.keySet());
        workloads.addAll(deleted.keySet());
        Map<String, PodChurn> out = new TreeMap<>();
        workloads.forEach(k -> out.put(k, new PodChurn(created.getOrDefault(k, List.of()), deleted.getOrDefault(k, List.of()))));
        return out;
    }

    /**
     * Every change of the controlling owner (by owner uid) of a pod or workload object up to {@code untilMillis},
     * oldest first. An object is followed by its uid, so a pod recreated under the same name starts afresh.
     */
    public static List<OwnerChange> ownerChanges(List<HistoryEvent> history, long untilMillis) {
        Map<String, Owner> last = new HashMap<>();
        List<OwnerChange> out = new ArrayList<>();
        for (HistoryEvent e : history) {
            if (!OWNED_KINDS.contains(e.kind()) || e.uid() == null || e.t() > untilMillis) {
                continue;
            }
            boolean known = last.containsKey(e.uid());
            Owner before = last.get(e.uid());
            if (known && e.type() == Change.MODIFIED && !Objects.equals(uid(before), uid(e.owner()))) {
                out.add(new OwnerChange(e, before, e.owner()));
            }
            last.put(e.uid(), e.owner());
        }
        return out;
    }

    /**
     * The changes whose object still exists at {@code untilMillis} with another controller than it had before its
     * first change: the adoption (or release) lasted to the end.
     */
    public static List<OwnerChange> changedAtEnd(List<HistoryEvent> history, long untilMillis) {
        List<OwnerChange> changes = ownerChanges(history, untilMillis);
        Map<String, Owner> first = new HashMap<>();
        Map<String, OwnerChange> latest = new HashMap<>();
        for (OwnerChange c : changes) {
            first.putIfAbsent(c.event().uid(), c.from());
            latest.put(c.event().uid(), c);
        }
        Set<String> deleted = new HashSet<>();
        history.stream().filter(e -> e.type() == Change.DELETED && e.t() <= untilMillis).forEach(e -> deleted.add(e.uid()));
        return latest.values().stream()
                .filter(c -> !deleted.contains(c.event().uid()))
                .filter(c -> !Objects.equals(uid(first.get(c.event().uid())), uid(c.to())))
                .map(c -> new OwnerChange(c.event(), first.get(c.event().uid()), c.to()))
                .sorted(Comparator.comparingLong(c -> c.event().t())).toList();
    }

    private static String uid(Owner o) {
        return o == null ? null : o.uid();
    }
}
