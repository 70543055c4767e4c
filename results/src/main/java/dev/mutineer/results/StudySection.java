package dev.mutineer.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's "Against the study" section: {@link StudyComparison} as the template's plain maps. */
final class StudySection {

    private StudySection() {
    }

    static Map<String, Object> context(List<JournalRecord> records) {
        StudyComparison c = StudyComparison.of(records);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StudyComparison.Row r : c.rows()) {
            List<Map<String, Object>> ours = r.ours().stream().map(s -> Map.<String, Object>of(
                    "share", s.share() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", s.share() * 100),
                    "of", s.count() + " of " + s.basis())).toList();
            rows.add(Map.of("figure", r.figure(), "study", String.format(Locale.ROOT, "%.0f%%", r.study() * 100), "ours", ours));
        }
        int activated = (int) records.stream().filter(r -> r.outcome() != dev.mutineer.classifier.Outcome.NOT_ACTIVATED).count();
        return Map.of("studyColumns", c.columns(), "studyRows", rows, "studyActivated", activated);
    }
}
