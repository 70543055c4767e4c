package dev.mutineer.cli;

import dev.mutineer.campaign.run.TestCampaigns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** --parallel outside 1..16 or not a number is a usage error, named, before any cluster starts. */
class ParallelOptionTest {

    @TempDir
    Path tmp;

    @Test
    void aBadParallelIsAUsageErrorNamingIt() throws Exception {
        Path file = TestCampaigns.write(tmp.resolve("c"), "name: p\nworkload: [workloads/]\nfaults:\n  - operator: delete\n    sample: 1\n");
        for (String bad : new String[]{"0", "17", "many"}) {
            CliRun r = CliRun.of("run", file.toString(), "--parallel", bad, "--out", tmp.resolve("r").toString());
            assertThat(r.code()).as(bad).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).as(bad).contains("--parallel").doesNotContain("starting a");
        }
    }
}
