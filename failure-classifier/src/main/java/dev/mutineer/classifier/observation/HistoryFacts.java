package dev.mutineer.classifier.observation;

import dev.mutineer.classifier.observation.HistoryEvent.Change;
import dev.mutineer.classifier.observation.HistoryEvent.Owner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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

    /**
     * How long an object may have a missing owner before it counts as left orphaned: the garbage collector deletes
     * the dependents of a deleted owner within about a second, which is not a symptom.
     */
    public static final long ORPHAN_GRACE_MILLIS = 2_000;

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

    /**
     * An object whose controlling owner did not exist (no live object of the owner's kind, name and uid) for a while.
     *
     * @param object the object's event from which it was orphaned
     * @param fromMillis when its owner was first missing (at the earliest 0: the listings before the first sample are
     *                   the starting state, not judged while they come in one type after another)
     * @param toMillis   when it was deleted or had a live owner again; null when still orphaned at the end
     */
    public record Orphan(HistoryEvent object, long fromMillis, Long toMillis) {
        /** How long it was orphaned, up to {@code endMillis} when still orphaned at the end. */
        public long lastedMillis(long endMillis) {
            return (toMillis == null ? endMillis : toMillis) - fromMillis;
        }

        /** "owner ReplicaSet/web-5d8f (uid 1f2e...) absent". */
        public String missingOwner() {
            return "owner " + object.owner().describe() + " (uid " + object.owner().uid() + ") absent";
        }
    }

    /**
     * Every object (any watched kind) whose controlling owner reference named no live object (kind, name and uid),
     * judged from the first sample on and up to {@code untilMillis}, oldest first. An owner counts as missing only if
     * its kind was watched in this history (some object of that kind was listed or added): an owner of a kind the
     * recorder did not watch, or could not list, is not known to be missing.
     */
    public static List<Orphan> orphans(List<HistoryEvent> history, long untilMillis) {
        Set<String> watchedKinds = new HashSet<>();
        history.stream().filter(e -> e.type() == Change.LISTED || e.type() == Change.ADDED).forEach(e -> watchedKinds.add(e.kind()));
        Map<String, HistoryEvent> live = new LinkedHashMap<>(); // uid -> latest event
        Map<String, Orphan> open = new LinkedHashMap<>();       // uid -> orphaned since
        List<Orphan> out = new ArrayList<>();
        boolean judged = false;
        for (HistoryEvent e : history) {
            if (e.t() > untilMillis) {
                break;
            }
            if (e.t() >= 0 && !judged) {
                judgeOrphans(0, live, watchedKinds, open, out); // the starting state, before the first change in it
                judged = true;
            }
            if (e.uid() == null) {
                continue;
            }
            if (e.type() == Change.DELETED) {
                live.remove(e.uid());
            } else {
                live.put(e.uid(), e);
            }
            if (judged) {
                judgeOrphans(e.t(), live, watchedKinds, open, out);
            }
        }
        if (!judged) {
            judgeOrphans(0, live, watchedKinds, open, out);
        }
        out.addAll(open.values());
        out.sort(Comparator.comparingLong(Orphan::fromMillis));
        return out;
    }

    /**
     * Whether a live object is the owner a reference names: the garbage collector looks the owner up by kind and name
     * and takes it only if the uid matches too; any of the three corrupted leaves the reference dangling.
     */
    private static boolean exists(Owner owner, Map<String, HistoryEvent> live) {
        HistoryEvent o = live.get(owner.uid());
        return o != null && o.kind().equals(owner.kind()) && o.name().equals(owner.name());
    }

    /** The orphans that lasted at least {@link #ORPHAN_GRACE_MILLIS} (up to {@code untilMillis} if still open). */
    public static List<Orphan> lastingOrphans(List<HistoryEvent> history, long untilMillis) {
        return orphans(history, untilMillis).stream().filter(o -> o.lastedMillis(untilMillis) >= ORPHAN_GRACE_MILLIS).toList();
    }

    /** Opens an orphan for every live object whose owner is missing at {@code t}, closes those no longer orphaned. */
    private static void judgeOrphans(long t, Map<String, HistoryEvent> live, Set<String> watchedKinds,
                                     Map<String, Orphan> open, List<Orphan> out) {
        for (HistoryEvent o : live.values()) {
            boolean orphaned = o.owner() != null && watchedKinds.contains(o.owner().kind()) && !exists(o.owner(), live);
            Orphan since = open.get(o.uid());
            if (orphaned && since == null) {
                open.put(o.uid(), new Orphan(o, t, null));
            } else if (!orphaned && since != null) {
                out.add(new Orphan(since.object(), since.fromMillis(), t));
                open.remove(o.uid());
            }
        }
        for (String gone : List.copyOf(open.keySet())) {
            if (!live.containsKey(gone)) {
                Orphan since = open.remove(gone);
                out.add(new Orphan(since.object(), since.fromMillis(), t));
            }
        }
    }

    private static String uid(Owner o) {
        return o == null ? null : o.uid();
    }
}
