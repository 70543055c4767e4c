package dev.mutineer.campaign.run;

import dev.mutineer.injector.inject.FaultEvidence;
import dev.mutineer.injector.operator.DependencyCatalog;
import dev.mutineer.injector.catalog.FieldPath;
import dev.mutineer.results.JournalRecord;
import dev.mutineer.results.ReproduceLine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mutineer.campaign.ClusterSpec;

import java.nio.file.Path;
import java.util.Optional;

/** Turns one injection run into the journal's flat record. */
public final class ResultRecords {

    private ResultRecords() {
    }

    /**
     * The journal ID: the spec's ID, plus the variant when the campaign has several and the repetition from
     * the second on, because the journal takes each ID once: {@code 3f9k2m8q1z}, {@code 3f9k2m8q1z.gate-off.2}.
     */
    public static String journalId(String specId, String variant, boolean severalVariants, int repetition) {
        return specId + (severalVariants ? "." + variant : "") + (repetition > 1 ? "." + repetition : "");
    }

    /** The record without what the run's cluster had of real nodes (tests that run injections by hand). */
    public static JournalRecord of(InjectionRun run, String journalId, String campaign, String variant, int repetition,
                                   Path resultsDir) {
        return of(run, journalId, campaign, variant, repetition, resultsDir, SpecJson.of(run, repetition));
    }

    /**
     * @param cluster              the cluster the run had
     * @param realNodesUnavailable why it had no real nodes although the campaign file asks for them (it fell back)
     */
    public static JournalRecord of(InjectionRun run, String journalId, String campaign, String variant, int repetition,
                                     Path resultsDir, ClusterSpec cluster, Optional<String> realNodesUnavailable) {
        return of(run, journalId, campaign, variant, repetition, resultsDir,
                withCluster(SpecJson.of(run, repetition), cluster, realNodesUnavailable));
    }

    private static JournalRecord of(InjectionRun run, String journalId, String campaign, String variant, int repetition,
                                    Path resultsDir, ObjectNode spec) {
        FaultEvidence r = run.record();
        dev.mutineer.classifier.InjectedObject target = InjectionRunner.injectedObject(run.spec(), r);
        // A bit flip aims at no field; the first decoded field it changed is what the report groups it by.
        String field = r.fieldPath().isEmpty() && !r.changes().isEmpty() ? r.changes().get(0).path() : r.fieldPath();
        return JournalRecord.builder(journalId)
                .campaign(campaign)
                .variant(variant)
                .target(target.kind(), target.namespace(), target.name())
                .field(field, isDependency(target.kind(), field))
                .operator(run.spec().operator(), run.spec().parameters())
                .values(r.oldValue(), r.newValue())
                .activated(r.injected())
                .verdict(run.verdict())
                .reproduceCommand(ReproduceLine.of(journalId, resultsDir))
                .timestamps(run.startedAt(), run.finishedAt())
                .spec(spec)
                .observation(run.observation())
                .build();
    }

    /** The spec node with what the run's cluster had of real nodes: {@code cluster: {realNodes, realNodesUnavailable}}. */
    static ObjectNode withCluster(ObjectNode spec, ClusterSpec cluster, Optional<String> realNodesUnavailable) {
        ObjectNode c = spec.putObject("cluster");
        c.put("realNodes", cluster.realNodes());
        realNodesUnavailable.ifPresent(why -> c.put("realNodesUnavailable", why));
        return spec;
    }

    static boolean isDependency(String kind, String fieldPath) {
        if (fieldPath.isEmpty()) {
            return false;
        }
        try {
            return DependencyCatalog.linkFor(kind, FieldPath.parse(fieldPath).pattern()).isPresent();
        } catch (IllegalArgumentException e) {
            return false; // a bit flip's description, not a path
        }
    }
}
