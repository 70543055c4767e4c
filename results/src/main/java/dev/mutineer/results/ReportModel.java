package dev.mutineer.results;

import dev.mutineer.classifier.Outcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The statistics a report shows, computed once from the journal's records. The client summaries (overall, per
 * operator, per outcome class) count only injections that ran with client traffic; {@link #hasClientTraffic()} is
 * false for a kwok-only campaign, whose report then shows no client section.
 *
 * @param timelines          per injection ID, what its window showed over time; an injection without a kept
 *                           observation has none
 * @param variantDifferences for a differential campaign, the injections whose class differs between variants
 */
public record ReportModel(List<JournalRecord> results, Distribution overall, List<Distribution> byOperator,
                          List<Distribution> byKind, List<Distribution> byField, List<Distribution> byDependency,
                          List<Distribution> byVariant, List<JournalRecord> slowestRecoveries,
                          ClientSummary clientOverall, List<ClientSummary> clientByOperator,
                          List<ClientSummary> clientByOutcome, Map<String, Timeline> timelines,
                          List<VariantDifference> variantDifferences) {

    static final int SLOWEST = 10;

    public ReportModel {
        timelines = Map.copyOf(timelines);
        variantDifferences = List.copyOf(variantDifferences);
    }

    /** The statistics without timelines (records read without their observations). */
    public static ReportModel of(List<JournalRecord> results) {
        return of(results, Map.of());
    }

    public static ReportModel of(List<JournalRecord> results, Map<String, Timeline> timelines) {
        List<JournalRecord> slowest = results.stream()
                .filter(r -> r.timeToRecoverMillis() != null)
                .sorted(Comparator.comparing(JournalRecord::timeToRecoverMillis).reversed())
                .limit(SLOWEST)
                .toList();
        return new ReportModel(List.copyOf(results), Distribution.of("all injections", results),
                groups(results, JournalRecord::operator),
                groups(results, JournalRecord::kind),
                groups(results, r -> r.kind() + " " + r.fieldPath()),
                groups(results, r -> r.dependencyField() ? "dependency fields" : "other fields"),
                groups(results, JournalRecord::variant),
                slowest,
                ClientSummary.of("all injections", results),
                clientGroups(results, JournalRecord::operator),
                clientByOutcome(results),
                timelines,
                VariantDifference.of(results));
    }

    /** One distribution per distinct key, largest group first, then by name. */
    private static List<Distribution> groups(List<JournalRecord> results, Function<JournalRecord, String> key) {
        List<Distribution> out = new ArrayList<>();
        byKey(results, key).forEach((k, rs) -> out.add(Distribution.of(k, rs)));
        out.sort(Comparator.comparingInt(Distribution::total).reversed().thenComparing(Distribution::group));
        return out;
    }

    /** Whether any injection ran with client traffic. */
    public boolean hasClientTraffic() {
        return clientOverall.withTraffic() > 0;
    }

    /** One summary per distinct key among the injections with client traffic, in the keys' order. */
    private static List<ClientSummary> clientGroups(List<JournalRecord> results, Function<JournalRecord, String> key) {
        List<ClientSummary> out = new ArrayList<>();
        byKey(results.stream().filter(r -> r.client() != null).toList(), key).forEach((k, rs) -> out.add(ClientSummary.of(k, rs)));
        return out;
    }

    /** One summary per outcome class that injections with client traffic ended in, in precedence order. */
    private static List<ClientSummary> clientByOutcome(List<JournalRecord> results) {
        List<ClientSummary> out = new ArrayList<>();
        for (Outcome o : Outcome.values()) {
            List<JournalRecord> rs = results.stream().filter(r -> r.outcome() == o && r.client() != null).toList();
            if (!rs.isEmpty()) {
                out.add(ClientSummary.of(o.name(), rs));
            }
        }
        return out;
    }

    /** The records by key, keys in their natural order; a missing key is "(none)". */
    private static Map<String, List<JournalRecord>> byKey(List<JournalRecord> results, Function<JournalRecord, String> key) {
        return results.stream()
                .collect(Collectors.groupingBy(r -> key.apply(r) == null || key.apply(r).isBlank() ? "(none)" : key.apply(r),
                        TreeMap::new, Collectors.toList()));
    }

    /** Classes that occurred at least once, in precedence order. */
    public List<Outcome> occurringOutcomes() {
        return java.util.Arrays.stream(Outcome.values()).filter(o -> overall.count(o) > 0).toList();
    }
}
