package dev.mutineer.results;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mutineer.classifier.Outcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One injection of a differential campaign whose class differs between the cluster configurations it ran on: the
 * same planned fault (spec ID and repetition), one record per variant.
 *
 * @param injection the planned injection's ID (with ".N" for a repetition after the first)
 * @param records   per variant, in the columns' order; a variant that has no record of it is absent
 */
public record VariantDifference(String injection, Map<String, JournalRecord> records) {

    public VariantDifference {
        records = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(records));
    }

    /** The variants of the records, in journal order: the differential table's columns. */
    public static List<String> variants(List<JournalRecord> records) {
        return records.stream().map(JournalRecord::variant).distinct().toList();
    }

    /**
     * The injections that ran on at least two variants and did not end in the same class on all of them, in journal
     * order; empty when the records come from one variant.
     */
    public static List<VariantDifference> of(List<JournalRecord> records) {
        if (variants(records).size() < 2) {
            return List.of();
        }
        List<VariantDifference> out = new ArrayList<>();
        byInjection(records).forEach((id, byVariant) -> {
            long classes = byVariant.values().stream().map(JournalRecord::outcome).distinct().count();
            if (byVariant.size() >= 2 && classes > 1) {
                out.add(new VariantDifference(id, byVariant));
            }
        });
        return out;
    }

    /** How many injections ran on at least two variants: those the differential table compares. */
    public static int compared(List<JournalRecord> records) {
        return (int) byInjection(records).values().stream().filter(v -> v.size() >= 2).count();
    }

    private static Map<String, Map<String, JournalRecord>> byInjection(List<JournalRecord> records) {
        Map<String, Map<String, JournalRecord>> out = new LinkedHashMap<>();
        for (JournalRecord r : records) {
            out.computeIfAbsent(injection(r), k -> new LinkedHashMap<>()).putIfAbsent(r.variant(), r);
        }
        return out;
    }

    /**
     * The planned injection a record is of: the spec's ID and repetition, which the journal ID extends with the
     * variant ("ID.variant[.N]"); a record without a spec ID counts by its journal ID without the variant: ".variant"
     * as a campaign's, or a "-variant" suffix as a scenario's ("stale-deployment-gate-on").
     */
    static String injection(JournalRecord r) {
        JsonNode spec = r.spec();
        if (spec != null && spec.hasNonNull("id")) {
            int repetition = spec.path("repetition").asInt(1);
            return spec.get("id").asText() + (repetition > 1 ? "." + repetition : "");
        }
        String dashed = "-" + r.variant();
        return r.id().endsWith(dashed) ? r.id().substring(0, r.id().length() - dashed.length())
                : r.id().replace("." + r.variant(), "");
    }

    /** The class on a variant; null when the injection did not run there. */
    public Outcome outcome(String variant) {
        JournalRecord r = records.get(variant);
        return r == null ? null : r.outcome();
    }
}
