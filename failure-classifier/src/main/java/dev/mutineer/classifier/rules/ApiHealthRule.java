package dev.mutineer.classifier.rules;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.observation.Sample;

import java.util.List;

/**
 * /readyz or /livez not answering 200, in at least two consecutive samples and in more samples than any golden
 * run had: the API server is down or degraded, which every client of the cluster feels.
 */
public final class ApiHealthRule extends PerSampleRule {

    @Override
    protected void check(int i, Sample s, RuleInput in, List<Finding> out) {
        if (!s.api().healthy()) {
            out.add(new Finding(i, s.t(), SymptomKind.APISERVER_UNHEALTHY, Outcome.CLUSTER_WIDE, "apiserver",
                    "/readyz,/livez", s.api().readyz() + "," + s.api().livez(), "200,200"));
        }
    }

    @Override
    public List<Finding> check(RuleInput in) {
        List<Finding> out = Persistence.atLeast(2, super.check(in));
        // A golden run may itself have had a slow answer or two; only more than that is a symptom.
        return out.size() > in.baseline().maxApiUnhealthySamples() ? out : List.of();
    }
}
