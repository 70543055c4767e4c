package dev.mutineer.results;

import dev.mutineer.classifier.Outcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The statistics a report shows, computed once from the journal's records. */
public record ReportModel(List<JournalRecord> results, Distribution overall, List<Distribution> byOperator,
                          List<Distribution> byKind, List<Distribution> byField, List<Distribution> byDependency,
                          List<Distribution> byVariant, List<JournalRecord> slowestRecoveries) {

    static final int SLOWEST = 10;

    public static ReportModel of(List<JournalRecord> results) {
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
                slowest);
    }

    /** One distribution per distinct key, largest group first, then by name. */
    private static List<Distribution> groups(List<JournalRecord> results, Function<JournalRecord, String> key) {
        Map<String, List<JournalRecord>> byKey = results.stream()
                .collect(Collectors.groupingBy(r -> key.apply(r) == null || key.apply(r).isBlank() ? "(none)" : key.apply(r),
                        TreeMap::new, Collectors.toList()));
        List<Distribution> out = new ArrayList<>();
        byKey.forEach((k, rs) -> out.add(Distribution.of(k, rs)));
        out.sort(Comparator.comparingInt(Distribution::total).reversed().thenComparing(Distribution::group));
        return out;
    }

    /** Classes that occurred at least once, in precedence order. */
    public List<Outcome> occurringOutcomes() {
        return java.util.Arrays.stream(Outcome.values()).filter(o -> overall.count(o) > 0).toList();
    }
}
