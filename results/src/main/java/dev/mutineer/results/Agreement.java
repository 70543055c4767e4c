package dev.mutineer.results;

import dev.mutineer.classifier.Symptom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far two results of one plan agree, record by record: a serial run against a parallel one, a run against its
 * Indexed Job, a run against the same plan on another machine. Records are matched by ID (a journal holds one record
 * an ID; a differential campaign's variants have IDs of their own); the first record of an ID in each list counts.
 *
 * @param onlyA  IDs recorded in A only, in order
 * @param onlyB  IDs recorded in B only, in order
 * @param same   IDs in both with the same outcome class
 * @param differ the records of IDs in both whose class differs, A's then B's
 */
public record Agreement(List<String> onlyA, List<String> onlyB, List<String> same, List<Pair> differ) {

    /** One ID's record on each side. */
    public record Pair(JournalRecord a, JournalRecord b) {
    }

    public Agreement {
        onlyA = List.copyOf(onlyA);
        onlyB = List.copyOf(onlyB);
        same = List.copyOf(same);
        differ = List.copyOf(differ);
    }

    /** The agreement of two journals' records. Pure. */
    public static Agreement of(List<JournalRecord> a, List<JournalRecord> b) {
        Map<String, JournalRecord> left = byId(a);
        Map<String, JournalRecord> right = byId(b);
        List<String> onlyA = new ArrayList<>();
        List<String> same = new ArrayList<>();
        List<Pair> differ = new ArrayList<>();
        left.forEach((id, ra) -> {
            JournalRecord rb = right.get(id);
            if (rb == null) {
                onlyA.add(id);
            } else if (ra.outcome() == rb.outcome()) {
                same.add(id);
            } else {
                differ.add(new Pair(ra, rb));
            }
        });
        List<String> onlyB = right.keySet().stream().filter(id -> !left.containsKey(id)).toList();
        return new Agreement(onlyA, onlyB, same, differ);
    }

    /** IDs in both. */
    public int inBoth() {
        return same.size() + differ.size();
    }

    /** Share of the IDs in both with the same class; 1 when none is in both. */
    public double share() {
        return inBoth() == 0 ? 1.0 : (double) same.size() / inBoth();
    }

    /** "31 of 32 (96.9%)". */
    public String summary() {
        return String.format(Locale.ROOT, "%d of %d (%.1f%%)", same.size(), inBoth(), share() * 100);
    }

    /** How many IDs in both went from one class (A) to another (B), e.g. "TRANSIENT -> SERVICE_NETWORKING" = 2. */
    public Map<String, Integer> changes() {
        Map<String, Integer> out = new TreeMap<>();
        differ.forEach(p -> out.merge(p.a().outcome() + " -> " + p.b().outcome(), 1, Integer::sum));
        return out;
    }

    /** The decisive symptoms of a record, each as kind and subject: what an explanation of a difference starts from. */
    public static List<String> decisive(JournalRecord r) {
        return r.symptoms().stream().filter(Symptom::decisive).map(s -> s.kind() + " " + s.subject()).distinct().toList();
    }

    private static Map<String, JournalRecord> byId(List<JournalRecord> records) {
        Map<String, JournalRecord> out = new LinkedHashMap<>();
        records.forEach(r -> out.putIfAbsent(r.id(), r));
        return out;
    }
}
