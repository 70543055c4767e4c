package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.observation.Offset;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.baseline.HistoryBaseline;
import dev.mutineer.classifier.observation.HistoryFacts;
import dev.mutineer.classifier.observation.HistoryFacts.OwnerChange;
import dev.mutineer.classifier.observation.Observation;

import java.util.ArrayList;
import java.util.List;

/**
 * A pod or workload object whose controlling owner changed during the window (adopted by another controller, or
 * released), when the golden windows had fewer such changes (normally none). Each change is a finding at its time;
 * a change that lasted to the end, the object still alive under another controller (or none), is also a finding in
 * the last sample.
 *
 * <p>It indicates OVER_PROVISIONING: an object moved out of its controller is replaced by that controller while it
 * lives on elsewhere (a released pod runs on as extra capacity, an adopted one makes its adopter scale down only
 * after it ran one too many); the study counts leaked and orphaned pods as over-provisioning. A change reverted by
 * the end is TRANSIENT.
 */
public final class OwnershipChangeRule extends HistoryRule {

    @Override
    protected List<Finding> check(Observation o, HistoryBaseline golden, long end) {
        List<OwnerChange> changes = HistoryFacts.ownerChanges(o.history(), end);
        if (changes.size() <= golden.maxOwnerChanges()) {
            return List.of();
        }
        String expected = "<= " + golden.maxOwnerChanges() + " owner changes per window (" + changes.size() + " here)";
        List<Finding> out = new ArrayList<>();
        for (OwnerChange c : changes) {
            out.add(new Finding(HistoryTime.sampleBefore(o.samples(), c.event().t()), c.event().t(),
                    SymptomKind.OWNER_CHANGED, Outcome.OVER_PROVISIONING, c.event().key(), "controller",
                    c.describe() + " at " + Offset.millis(c.event().t()), expected));
        }
        int last = o.samples().size() - 1;
        for (OwnerChange c : HistoryFacts.changedAtEnd(o.history(), end)) {
            out.add(new Finding(last, end, SymptomKind.OWNER_CHANGED, Outcome.OVER_PROVISIONING, c.event().key(),
                    "controller", c.describe() + " at the end", expected));
        }
        return out;
    }
}
