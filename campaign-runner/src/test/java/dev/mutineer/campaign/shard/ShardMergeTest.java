package dev.mutineer.campaign.shard;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.run.PlannedInjection;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.results.BaselineFile;
import dev.mutineer.results.Journal;
import dev.mutineer.results.JournalMerge;
import dev.mutineer.results.JournalRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Merging shard directories: dedup, conflicts, missing shards, foreign campaigns, where a merge may write. */
class ShardMergeTest {

    @TempDir
    Path tmp;

    private Campaign campaign;
    private List<String> planIds;

    @BeforeEach
    void plan() throws Exception {
        campaign = ShardedResults.campaign(tmp.resolve("campaign"), 7);
        planIds = ShardedResults.plan(campaign).stream().map(PlannedInjection::id).toList();
        assertThat(planIds).hasSizeGreaterThan(15);
    }

    private Path shard(String name, int k, int n) {
        return ShardedResults.shardDir(tmp.resolve(name), campaign, new Shard(k, n), id -> Outcome.NO_EFFECT);
    }

    private MergeFile merge(Path out, Path... dirs) {
        return ShardMerge.merge(List.of(dirs), out, note -> { });
    }

    private static List<String> ids(Path dir) {
        return Journal.read(dir).records().stream().map(JournalRecord::id).toList();
    }

    @Test
    void allShardsTogetherHoldThePlanOnceWithEachShardsBaseline() {
        Path out = tmp.resolve("merged");
        MergeFile m = merge(out, shard("s2", 2, 3), shard("s1", 1, 3), shard("s3", 3, 3));
        assertThat(m.complete()).isTrue();
        assertThat(m.coverage()).isEqualTo("all 3 shards present");
        assertThat(ids(out)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(planIds);
        assertThat(Journal.read(out).records()).allSatisfy(r ->
                assertThat(r.reproduceCommand()).isEqualTo("mutineer reproduce " + r.id() + " --results " + out));
        for (String id : planIds) {
            int owner = Shard.of(id, 3);
            Path dir = MergeFile.baselineDir(out, id);
            assertThat(dir).isEqualTo(out.resolve("shards/shard-" + owner + "-of-3"));
            assertThat(BaselineFile.read(dir, "default")).contains(ShardedResults.baseline(owner));
        }
        assertThat(out.resolve("campaign/campaign.yaml")).exists();
        assertThat(out.resolve(JournalMerge.REJECTED)).doesNotExist();
        assertThat(MergeFile.baselineDir(tmp.resolve("s1"), planIds.get(0))).isEqualTo(tmp.resolve("s1"));
    }

    @Test
    void missingShardsAreNamed() {
        MergeFile m = merge(tmp.resolve("merged"), shard("s1", 1, 4), shard("s3", 3, 4));
        assertThat(m.coverage()).isEqualTo("shards 1,3 of 4 present; missing 2,4");
        assertThat(m.complete()).isFalse();
        assertThat(MergeFile.read(tmp.resolve("merged")).orElseThrow().missing()).containsExactly(2, 4);
    }

    @Test
    void equalRecordsCountOnceAndDifferentOnesAreConflictsKeptFromTheFirstDirectory() throws Exception {
        Path s1 = shard("s1", 1, 2);
        Path copy = tmp.resolve("s1-copy");
        copyTree(s1, copy);
        Path s2 = shard("s2", 2, 2);
        MergeFile dedup = merge(tmp.resolve("m1"), s1, s2, copy);
        assertThat(dedup.complete()).isTrue();
        assertThat(dedup.duplicates()).isEqualTo(ids(s1).size());
        assertThat(ids(tmp.resolve("m1"))).containsExactlyInAnyOrderElementsOf(planIds);

        // shard 1 run again elsewhere: its first injection classified differently
        String changed = ids(s1).get(0);
        Path again = ShardedResults.shardDir(tmp.resolve("s1-again"), campaign, new Shard(1, 2),
                id -> id.equals(changed) ? Outcome.CLUSTER_WIDE : Outcome.NO_EFFECT);
        Path out = tmp.resolve("m2");
        MergeFile m = merge(out, s1, again, s2);
        assertThat(m.complete()).isFalse();
        assertThat(m.conflicts()).singleElement().asString()
                .contains("injection " + changed, s1 + " (shard 1/2) (NO_EFFECT)", again + " (shard 1/2) (CLUSTER_WIDE)", "is kept");
        assertThat(m.duplicates()).isEqualTo(ids(s1).size() - 1);
        assertThat(Journal.read(out).find(changed).orElseThrow().outcome()).isEqualTo(Outcome.NO_EFFECT);
        assertThat(Files.readString(out.resolve(JournalMerge.REJECTED))).contains(changed, "CLUSTER_WIDE", "conflicts with");
        assertThat(ids(out)).containsExactlyInAnyOrderElementsOf(planIds);
        assertThat(m.sources()).extracting(MergeFile.Source::place).containsExactly("shard-1-of-2", "shard-1-of-2.2", "shard-2-of-2");
    }

    @Test
    void aRecordInTheWrongShardIsLeftOutAndNamed() {
        Path s1 = shard("s1", 1, 2);
        String foreign = planIds.stream().filter(id -> Shard.of(id, 2) == 2).findFirst().orElseThrow();
        try (Journal j = Journal.open(s1)) {
            j.append(ShardedResults.record(foreign, Outcome.NO_EFFECT, s1));
        }
        MergeFile m = merge(tmp.resolve("merged"), s1, shard("s2", 2, 2));
        assertThat(m.refused()).singleElement().asString().contains(foreign, "belongs to shard 2/2, not 1/2");
        assertThat(ids(tmp.resolve("merged"))).containsExactlyInAnyOrderElementsOf(planIds);
    }

    @Test
    void shardsOfAnotherCampaignOrAnotherSlicingAreRefused() throws Exception {
        Path s1 = shard("s1", 1, 2);
        Campaign other = ShardedResults.campaign(tmp.resolve("other"), 8);
        Path foreign = ShardedResults.shardDir(tmp.resolve("foreign"), other, new Shard(2, 2), id -> Outcome.NO_EFFECT);
        assertThatThrownBy(() -> merge(tmp.resolve("merged"), s1, foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not one campaign: " + s1 + " holds campaign sharded (seed 7")
                .hasMessageContaining(foreign + " holds campaign sharded (seed 8");
        assertThatThrownBy(() -> merge(tmp.resolve("merged"), s1, shard("t2", 2, 3)))
                .hasMessageContaining("shards of 2 and of 3 cut the plan differently");
        assertThat(tmp.resolve("merged")).doesNotExist();
    }

    @Test
    void aMergeWritesOnlyIntoANewOrEmptyDirectoryOrOverAnEarlierMerge() throws Exception {
        Path s1 = shard("s1", 1, 2);
        Path s2 = shard("s2", 2, 2);
        Path busy = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(busy.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> merge(busy, s1, s2)).hasMessageContaining("is not empty and not the output of an earlier merge");
        assertThat(busy.resolve("notes.txt")).hasContent("mine");

        Path link = Files.createSymbolicLink(tmp.resolve("link"), Files.createDirectories(tmp.resolve("elsewhere")));
        assertThatThrownBy(() -> merge(link, s1, s2)).hasMessageContaining("is a symbolic link");
        assertThat(tmp.resolve("elsewhere")).isEmptyDirectory();

        assertThatThrownBy(() -> merge(s1.resolve("merged"), s1, s2)).hasMessageContaining("overlap");

        Path out = tmp.resolve("merged");
        merge(out, s1);
        assertThat(MergeFile.read(out).orElseThrow().missing()).containsExactly(2);
        Files.writeString(out.resolve("stale.txt"), "from before");
        merge(out, s1, s2);
        assertThat(MergeFile.read(out).orElseThrow().complete()).isTrue();
        assertThat(out.resolve("stale.txt")).doesNotExist();
        assertThat(ids(out)).containsExactlyInAnyOrderElementsOf(planIds);
        try (var siblings = Files.list(tmp)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".merged"));
        }

        assertThatThrownBy(() -> merge(tmp.resolve("m2"), out)).hasMessageContaining("is a merge output, not a shard");
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        try (Journal j = Journal.open(plain)) {
            j.append(ShardedResults.record(planIds.get(0), Outcome.NO_EFFECT, plain));
        }
        assertThatThrownBy(() -> merge(tmp.resolve("m2"), plain)).hasMessageContaining("was not run with --shard K/N");
    }

    @Test
    void aShardResumesOnlyAsItselfOfItsOwnCampaign() throws Exception {
        Path s1 = shard("s1", 1, 2);
        ShardFile.checkRunIn(s1, Optional.of(new Shard(1, 2)), campaign, true);
        assertThatThrownBy(() -> ShardFile.checkRunIn(s1, Optional.of(new Shard(2, 2)), campaign, true))
                .hasMessageContaining("holds shard 1/2, not 2/2");
        assertThatThrownBy(() -> ShardFile.checkRunIn(s1, Optional.empty(), campaign, true))
                .hasMessageContaining("continue it with --shard 1/2 --resume");
        Campaign edited = ShardedResults.campaign(tmp.resolve("edited"), 9);
        assertThatThrownBy(() -> ShardFile.checkRunIn(s1, Optional.of(new Shard(1, 2)), edited, true))
                .hasMessageContaining("could not be merged");
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        assertThatThrownBy(() -> ShardFile.checkRunIn(plain, Optional.of(new Shard(1, 2)), campaign, true))
                .hasMessageContaining("holds the journal of an unsharded run");
        // nothing recorded yet: any shard may start there, and an unsharded start clears a stale shard.json
        ShardFile.checkRunIn(s1, Optional.of(new Shard(2, 2)), campaign, false);
        ShardFile.startIn(s1, Optional.empty(), campaign);
        assertThat(ShardFile.read(s1)).isEmpty();
    }

    private static void copyTree(Path from, Path to) throws Exception {
        List<Path> all;
        try (var walk = Files.walk(from)) {
            all = new ArrayList<>(walk.toList());
        }
        for (Path p : all) {
            Path dest = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(dest);
            } else {
                Files.copy(p, dest);
            }
        }
    }
}
