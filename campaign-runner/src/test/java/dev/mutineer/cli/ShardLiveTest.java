package dev.mutineer.cli;

import dev.mutineer.campaign.run.TestCampaigns;
import dev.mutineer.campaign.shard.MergeFile;
import dev.mutineer.campaign.shard.Shard;
import dev.mutineer.campaign.shard.ShardFile;
import dev.mutineer.results.Journal;
import dev.mutineer.results.JournalRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tiny campaign run as two shards on real local clusters (kwok nodes), merged and reported: the merge holds
 * exactly the IDs of the unsharded plan, each recorded by its own shard against its own golden baseline.
 */
class ShardLiveTest {

    private static final String CAMPAIGN = TestCampaigns.tiny("tiny");

    @TempDir
    Path tmp;

    private String out;
    private String err;

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = Mutineer.commandLine();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        int code = cl.execute(args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void twoShardsMergedHoldTheSerialPlan() throws Exception {
        Path file = TestCampaigns.write(tmp.resolve("campaign"), CAMPAIGN);
        List<Path> shards = new ArrayList<>();
        for (int k = 1; k <= 2; k++) {
            Path dir = tmp.resolve("machine-" + k + "/tiny.shard-" + k + "-of-2");
            assertThat(run("run", file.toString(), "--shard", k + "/2", "--out", dir.toString())).as(err).isEqualTo(ExitCodes.OK);
            assertThat(ShardFile.read(dir).orElseThrow().slice()).isEqualTo(new Shard(k, 2));
            int shard = k;
            assertThat(Journal.read(dir).records()).allSatisfy(r -> assertThat(Shard.of(r.id(), 2)).isEqualTo(shard));
            assertThat(dir.resolve("baseline-default.json")).exists();
            shards.add(dir);
        }

        assertThat(run("plan", file.toString())).as(err).isEqualTo(ExitCodes.OK);
        List<String> planned = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^([0-9a-z]{10})  ").matcher(out);
        while (m.find()) {
            planned.add(m.group(1));
        }
        assertThat(planned).hasSize(4);

        Path merged = tmp.resolve("merged");
        assertThat(run("merge", shards.get(0).toString(), shards.get(1).toString(), "--out", merged.toString()))
                .as(err).isEqualTo(ExitCodes.OK);
        assertThat(Journal.read(merged).records()).extracting(JournalRecord::id).containsExactlyInAnyOrderElementsOf(planned);
        assertThat(MergeFile.read(merged).orElseThrow().coverage()).isEqualTo("all 2 shards present");
        assertThat(run("report", merged.toString())).as(err).isEqualTo(ExitCodes.OK);
        assertThat(out).containsPattern("total +4 ");
    }
}
