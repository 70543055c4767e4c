package dev.mutineer.classifier.rules;

import java.util.List;

/** Finds one kind of deviation from the golden baseline in an observation. */
public interface SymptomRule {

    List<Finding> check(RuleInput in);
}
