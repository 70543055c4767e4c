package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.observation.WarningEvent;

import java.util.ArrayList;
import java.util.List;

/** Informational: Warning events with a reason no golden run showed, as evidence of what the controllers saw. */
public final class WarningEventRule implements SymptomRule {

    @Override
    public List<Finding> check(RuleInput in) {
        List<Finding> out = new ArrayList<>();
        for (WarningEvent e : in.observation().warningEvents()) {
            if (!in.baseline().warningReasons().contains(e.reason())) {
                out.add(new Finding(-1, e.firstSeenMillis(), SymptomKind.WARNING_EVENT, null,
                        e.namespace() + "/" + e.involvedObject(), e.reason(), e.message() + " (x" + e.count() + ")",
                        "none"));
            }
        }
        return out;
    }
}
