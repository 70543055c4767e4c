package dev.mutineer.classifier.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps only findings that held for several consecutive samples. On a loaded machine one sample can time out
 * on a healthy API server; an outage that matters (a crash, an undecodable object) lasts longer than that.
 */
final class Persistence {

    private Persistence() {
    }

    /** The findings that belong to a run of at least {@code minRun} consecutive samples of the same symptom. */
    static List<Finding> atLeast(int minRun, List<Finding> findings) {
        Map<String, List<Finding>> bySymptom = new LinkedHashMap<>();
        findings.forEach(f -> bySymptom.computeIfAbsent(f.kind() + "\u0000" + f.subject() + "\u0000" + f.signal(),
                k -> new ArrayList<>()).add(f));
        List<Finding> out = new ArrayList<>();
        for (List<Finding> group : bySymptom.values()) {
            group.sort(Comparator.comparingInt(Finding::sample));
            int runStart = 0;
            for (int i = 1; i <= group.size(); i++) {
                boolean runEnds = i == group.size() || group.get(i).sample() != group.get(i - 1).sample() + 1;
                if (runEnds) {
                    if (i - runStart >= minRun) {
                        out.addAll(group.subList(runStart, i));
                    }
                    runStart = i;
                }
            }
        }
        out.sort(Comparator.comparingInt(Finding::sample));
        return out;
    }
}
