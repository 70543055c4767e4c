package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.observation.Offset;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.baseline.HistoryBaseline;
import dev.mutineer.classifier.observation.HistoryFacts;
import dev.mutineer.classifier.observation.HistoryFacts.Orphan;
import dev.mutineer.classifier.observation.Observation;

import java.util.ArrayList;
import java.util.List;

/**
 * Objects left with a controlling owner reference to an owner that does not exist (no live object has its kind, name
 * and uid, as the garbage collector resolves it), for longer than the garbage collector takes to delete the dependents
 * of a deleted owner ({@link HistoryFacts#ORPHAN_GRACE_MILLIS}), when more than in any golden window (normally none).
 * Any watched kind: pods, ReplicaSets, EndpointSlices, ...; it complements {@link OrphanPodRule}, which counts pods
 * without a controller in each sample, with what happens between samples and with dangling references the samples do
 * not resolve.
 *
 * <p>It indicates OVER_PROVISIONING, as leaked and orphaned pods do in the study: an orphan runs on beside the
 * replacement its owner's controller makes. An orphaned EndpointSlice or Endpoints object provisions nothing: it is
 * routing state (kube-proxy reads slices by their service-name label, not by owner), so it indicates
 * SERVICE_NETWORKING. That also keeps a deleted Service one class whether the garbage collector removes its slice
 * within the window or not (both were seen in replays of one injection).
 *
 * <p>One finding when it was orphaned, and one at the end if it still is; an orphan the garbage collector removed (or
 * that was adopted) before the end is TRANSIENT. A baseline learned before
 * orphans were counted assumes none in the golden windows.
 */
public final class OrphanedObjectRule extends HistoryRule {

    @Override
    protected List<Finding> check(Observation o, HistoryBaseline golden, long end) {
        List<Orphan> orphans = HistoryFacts.lastingOrphans(o.history(), end);
        int max = golden.maxOrphans() == null ? 0 : golden.maxOrphans();
        if (orphans.size() <= max) {
            return List.of();
        }
        String expected = "<= " + max + " orphans per window" + (golden.maxOrphans() == null
                ? " (assumed: the baseline predates orphan histories)" : "") + " (" + orphans.size() + " here)";
        int last = o.samples().size() - 1;
        List<Finding> out = new ArrayList<>();
        for (Orphan orphan : orphans) {
            String subject = orphan.object().key();
            String owner = orphan.missingOwner();
            Outcome indicates = indicates(orphan.object().kind());
            out.add(new Finding(HistoryTime.sampleBefore(o.samples(), orphan.fromMillis()), orphan.fromMillis(),
                    SymptomKind.ORPHANED_OBJECT, indicates, subject, "controller",
                    owner + " from " + Offset.millis(orphan.fromMillis()) + (orphan.toMillis() == null ? "" : " to " + Offset.millis(orphan.toMillis())),
                    expected));
            if (orphan.toMillis() == null) {
                out.add(new Finding(last, end, SymptomKind.ORPHANED_OBJECT, indicates, subject, "controller",
                        owner + " at the end", expected));
            }
        }
        return out;
    }

    /** What an orphan of this kind is a symptom of: see the class comment. */
    static Outcome indicates(String kind) {
        return switch (kind) {
            case "EndpointSlice", "Endpoints" -> Outcome.SERVICE_NETWORKING;
            default -> Outcome.OVER_PROVISIONING;
        };
    }
}
