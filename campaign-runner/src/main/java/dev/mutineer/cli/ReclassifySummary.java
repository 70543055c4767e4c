package dev.mutineer.cli;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.results.ReclassifiedFile;
import dev.mutineer.results.Reclassification;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What `report --reclassify` prints: the IDs whose class changed and why, and the counts per class then and now. */
final class ReclassifySummary {

    private ReclassifySummary() {
    }

    static void print(PrintWriter out, Path dir, List<Reclassification> all) {
        Path jsonl = ReclassifiedFile.write(dir, all);
        List<Reclassification> changed = all.stream().filter(Reclassification::changed).toList();
        long kept = all.stream().filter(r -> r.kept() != null).count();
        out.println();
        out.println("RECLASSIFIED (this version's classifier over the stored observations and baselines)");
        for (Reclassification r : changed) {
            out.printf("  %s  %s -> %s  %s %s %s %s%n", r.id(), r.recorded(), r.outcome(), r.operator(), r.kind(),
                    r.object(), r.fieldPath());
            r.because().forEach(b -> out.println("      " + b));
        }
        out.printf("  %d of %d changed class (%d judged again, %d kept as recorded)%n", changed.size(), all.size(),
                all.size() - kept, kept);
        Map<Outcome, Integer> before = new EnumMap<>(Outcome.class);
        Map<Outcome, Integer> now = new EnumMap<>(Outcome.class);
        all.forEach(r -> {
            before.merge(r.recorded(), 1, Integer::sum);
            now.merge(r.outcome(), 1, Integer::sum);
        });
        out.printf("  %-20s %8s %8s%n", "OUTCOME", "RECORDED", "NOW");
        for (Outcome o : Outcome.values()) {
            if (before.containsKey(o) || now.containsKey(o)) {
                out.printf("  %-20s %8d %8d%n", o, before.getOrDefault(o, 0), now.getOrDefault(o, 0));
            }
        }
        out.println("reclassified: " + jsonl);
        out.println("csv:          " + dir.resolve(ReclassifiedFile.CSV));
        out.flush();
    }
}
