package dev.mutineer.campaign.shard;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.campaign.run.CampaignPlanner;
import dev.mutineer.campaign.run.PlannedInjection;
import dev.mutineer.campaign.run.ResultsDir;
import dev.mutineer.campaign.run.StoredObjects;
import dev.mutineer.campaign.run.TestCampaigns;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.baseline.Range;
import dev.mutineer.classifier.baseline.ServiceBaseline;
import dev.mutineer.classifier.baseline.WorkloadBaseline;
import dev.mutineer.cluster.Component;
import dev.mutineer.results.BaselineFile;
import dev.mutineer.results.Journal;
import dev.mutineer.results.JournalRecord;
import dev.mutineer.results.ReproduceLine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Shard results directories as `run --shard` leaves them, without a cluster: the campaign's real plan (its
 * planner on given stored objects), the real shard.json, campaign copy, baseline file and Journal, one record per
 * injection of the slice.
 */
public final class ShardedResults {

    static final String FAULTS = "  - operator: value\n    sample: 12\n  - operator: delete\n    sample: exhaustive\n"
            + "  - operator: bit-flip\n    sample: 9\n";

    private static final List<StoredObjects.Selected> OBJECTS = List.of(
            object("Deployment", "frontend"), object("Deployment", "backend"), object("Service", "frontend"),
            object("Service", "backend"));

    private ShardedResults() {
    }

    public static Campaign campaign(Path dir, long seed) throws Exception {
        return new CampaignLoader().load(TestCampaigns.write(dir, "name: sharded\nseed: " + seed
                + "\nworkload: [workloads/]\nfaults:\n" + FAULTS));
    }

    /** The unsharded plan: what all shards together must hold. */
    public static List<PlannedInjection> plan(Campaign campaign) {
        return CampaignPlanner.plan(campaign, OBJECTS);
    }

    /** A shard's results directory with a record of the given outcome for each injection of its slice. */
    public static Path shardDir(Path dir, Campaign campaign, Shard shard, Function<String, Outcome> outcome) {
        ShardFile.startIn(dir, Optional.of(shard), campaign);
        ResultsDir.copyCampaign(dir, campaign);
        BaselineFile.write(dir, "default", baseline(shard.index()));
        try (Journal journal = Journal.open(dir)) {
            for (PlannedInjection p : shard.slice(plan(campaign))) {
                journal.append(record(p.id(), outcome.apply(p.id()), dir));
            }
        }
        return dir;
    }

    public static JournalRecord record(String id, Outcome outcome, Path dir) {
        Instant start = Instant.parse("2026-12-01T12:00:00Z");
        return JournalRecord.builder(id)
                .campaign("sharded")
                .target("Deployment", "shop", "frontend")
                .field("spec.replicas", false)
                .operator("value", Map.of("field", "spec.replicas"))
                .values("3", "0")
                .activated(outcome != Outcome.NOT_ACTIVATED)
                .outcome(outcome)
                .reproduceCommand(ReproduceLine.of(id, dir))
                .timestamps(start, start.plusSeconds(30))
                .spec(JsonNodeFactory.instance.objectNode().put("id", id).put("operator", "value"))
                .build();
    }

    /** A baseline told apart by its shard, so a test sees which one reproduce would use. */
    public static Baseline baseline(int shard) {
        return new Baseline(shard,
                Map.of("Deployment/shop/frontend", new WorkloadBaseline(null, Range.of(3), Range.of(3), Range.of(3), Range.of(3), Range.of(3))),
                Map.of("Service/shop/frontend", new ServiceBaseline(true, Range.of(3), 1)),
                Map.of("shop", Range.of(0)), Map.of("shop", 0L), Set.of("kwok-node-0"),
                Set.of(Component.APISERVER, Component.CONTROLLER_MANAGER), 0, Set.of(), Set.of());
    }

    private static StoredObjects.Selected object(String kind, String name) {
        return TestCampaigns.storedObject(kind, name);
    }
}
