package dev.mutineer.cli;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.run.PlannedInjection;
import dev.mutineer.campaign.shard.Shard;
import dev.mutineer.campaign.shard.ShardedResults;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.results.Journal;
import dev.mutineer.results.JournalRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shards as a user meets them, without a cluster: plan --shard lists the slices, merge joins shard directories
 * written with the real Journal, report renders the merge as one campaign, and bad --shard values are usage errors.
 */
class ShardCliTest {

    @TempDir
    Path tmp;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cl = Mutineer.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void twoShardsMergedAndReportedHoldTheUnshardedPlan() throws Exception {
        Campaign campaign = ShardedResults.campaign(tmp.resolve("campaign"), 7);
        List<PlannedInjection> plan = ShardedResults.plan(campaign);
        List<String> planIds = plan.stream().map(PlannedInjection::id).toList();

        // plan --shard: the slices, each listed with its count, together the plan
        List<String> listed = new ArrayList<>();
        for (int k = 1; k <= 2; k++) {
            StringWriter text = new StringWriter();
            PlanCommand.print(new PrintWriter(text), campaign, plan, Optional.of(new Shard(k, 2)));
            Matcher m = Pattern.compile("(?m)^([0-9a-z]{10})  ").matcher(text.toString());
            List<String> slice = new ArrayList<>();
            while (m.find()) {
                slice.add(m.group(1));
            }
            assertThat(text.toString()).contains("shard " + k + "/2: " + slice.size() + " of " + plan.size() + " injections");
            listed.addAll(slice);
        }
        assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(planIds);

        Path s1 = ShardedResults.shardDir(tmp.resolve("machine-a/sharded.shard-1-of-2"), campaign, new Shard(1, 2), id -> Outcome.NO_EFFECT);
        Path s2 = ShardedResults.shardDir(tmp.resolve("machine-b/sharded.shard-2-of-2"), campaign, new Shard(2, 2),
                id -> Outcome.UNDER_PROVISIONING);
        Path merged = tmp.resolve("merged");

        assertThat(run("merge", s1.toString(), "--out", merged.toString())).as(err.toString()).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(out.toString()).contains("campaign sharded (seed 7): shard 1 of 2 present; missing 2");

        assertThat(run("merge", s1.toString(), s2.toString(), "--out", merged.toString())).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("all 2 shards present", planIds.size() + " records from 2 directories");
        assertThat(Journal.read(merged).records()).extracting(JournalRecord::id).containsExactlyInAnyOrderElementsOf(planIds);

        assertThat(run("report", merged.toString())).as(err.toString()).isEqualTo(ExitCodes.OK);
        long under = planIds.stream().filter(id -> Shard.of(id, 2) == 2).count();
        assertThat(out.toString()).containsPattern("UNDER_PROVISIONING +" + under + " ")
                .containsPattern("total +" + planIds.size() + " ");
        assertThat(Files.readString(merged.resolve("report.html"))).contains("mutineer reproduce " + planIds.get(0) + " --results " + merged);
    }

    @Test
    void aBadShardIsAUsageErrorNamingIt() throws Exception {
        Path file = ShardedResults.campaign(tmp.resolve("campaign"), 7).file();
        for (String[] bad : new String[][] {
            {"0/4", "K must be between 1 and N (4)"},
            {"5/4", "shard 5/4 does not exist"},
            {"1/10001", "between 1 and 10000, not 10001"},
            {"half", "'half' is not a shard: write K/N"},
        }) {
            assertThat(run("run", file.toString(), "--shard", bad[0], "--out", tmp.resolve("r").toString())).as(bad[0]).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).contains("--shard", bad[1]);
            assertThat(run("plan", file.toString(), "--shard", bad[0])).as(bad[0]).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).contains(bad[1]);
        }
        assertThat(tmp.resolve("r")).doesNotExist();
    }

    @Test
    void mergingWhatIsNoShardIsAUsageError() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(run("merge", empty.toString(), "--out", tmp.resolve("m").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(empty + " holds no journal.jsonl");
        assertThat(run("merge", "--out", tmp.resolve("m").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(tmp.resolve("m")).doesNotExist();
    }
}
