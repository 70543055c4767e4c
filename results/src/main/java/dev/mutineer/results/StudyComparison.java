package dev.mutineer.results;

import dev.mutineer.classifier.Outcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The campaign's class shares beside the ones the study published (Barletta et al., "Mutiny! How does Kubernetes
 * fail, and what can we do about it?", DSN 2024; DESIGN.md): one row per published figure, one column per cluster
 * configuration. Shares are of the activated injections, as everywhere in the report.
 *
 * @param columns the configurations compared, in journal order ("this campaign" when there is one)
 * @param rows    the study's figures with ours
 */
public record StudyComparison(List<String> columns, List<Row> rows) {

    /** The study's published figures: its abstract's shares of about 9,000 injections. */
    public static final double CLUSTER_WIDE = 0.03;
    public static final double SERVICE_NETWORKING = 0.04;
    public static final double PROVISIONING = 0.24;
    public static final double CLUSTER_WIDE_FROM_DEPENDENCY_FIELDS = 0.51;

    /**
     * One figure.
     *
     * @param figure what is counted, in the study's words
     * @param study  its published share
     * @param ours   per column: the share (null when nothing was there to count) and of how many
     */
    public record Row(String figure, double study, List<Share> ours) {
        public Row {
            ours = List.copyOf(ours);
        }
    }

    /** {@code count} of {@code basis}; the share is null when the basis is 0. */
    public record Share(int count, int basis) {
        public Double share() {
            return basis == 0 ? null : (double) count / basis;
        }
    }

    public StudyComparison {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    public static StudyComparison of(List<JournalRecord> records) {
        Map<String, List<JournalRecord>> byVariant = new LinkedHashMap<>();
        records.forEach(r -> byVariant.computeIfAbsent(r.variant(), v -> new ArrayList<>()).add(r));
        List<String> columns = byVariant.size() <= 1 ? List.of("this campaign") : List.copyOf(byVariant.keySet());
        List<List<JournalRecord>> groups = byVariant.size() <= 1 ? List.of(records) : List.copyOf(byVariant.values());
        List<Row> rows = List.of(
                row("cluster-wide failures", CLUSTER_WIDE, groups, activated(), in(Set.of(Outcome.CLUSTER_WIDE))),
                row("service networking issues", SERVICE_NETWORKING, groups, activated(), in(Set.of(Outcome.SERVICE_NETWORKING))),
                row("service under- or over-provisioning", PROVISIONING, groups, activated(),
                        in(Set.of(Outcome.UNDER_PROVISIONING, Outcome.OVER_PROVISIONING))),
                row("cluster-wide failures from dependency fields (share of the cluster-wide)",
                        CLUSTER_WIDE_FROM_DEPENDENCY_FIELDS, groups, in(Set.of(Outcome.CLUSTER_WIDE)), JournalRecord::dependencyField));
        return new StudyComparison(columns, rows);
    }

    private static Row row(String figure, double study, List<List<JournalRecord>> groups, Predicate<JournalRecord> basis,
                           Predicate<JournalRecord> counted) {
        List<Share> ours = new ArrayList<>();
        for (List<JournalRecord> g : groups) {
            List<JournalRecord> base = g.stream().filter(basis).toList();
            ours.add(new Share((int) base.stream().filter(counted).count(), base.size()));
        }
        return new Row(figure, study, ours);
    }

    private static Predicate<JournalRecord> activated() {
        return r -> r.outcome() != Outcome.NOT_ACTIVATED;
    }

    private static Predicate<JournalRecord> in(Set<Outcome> classes) {
        return r -> classes.contains(r.outcome());
    }
}
