package dev.mutineer.cli;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.campaign.run.TestCampaigns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RealNodeCheckTest {

    static final List<String> NO_ROOT = List.of("root (real nodes create a network namespace, mounts and cgroups)");

    @TempDir
    Path tmp;

    private Campaign campaign(String cluster) throws Exception {
        return campaign(tmp, cluster);
    }

    /** A campaign in {@code dir} with this {@code cluster:} section (the reproduce tests use it too). */
    static Campaign campaign(Path dir, String cluster) throws Exception {
        return new CampaignLoader().load(TestCampaigns.write(dir, """
                name: fallback
                cluster: %s
                workload: [workloads/]
                faults: [{operator: delete, sample: 1}]
                """.formatted(cluster)));
    }

    @Test
    void aHostThatCanRunRealNodesRunsTheCampaignAsWritten() throws Exception {
        Campaign c = campaign("{realNodes: 1, realNodesFallback: kwok-only}");
        RealNodeCheck.Choice choice = RealNodeCheck.choose(c, List.of());
        assertThat(choice.campaign()).isSameAs(c);
        assertThat(choice.line()).isEmpty();
    }

    @Test
    void withTheKwokOnlyFallbackAHostWithoutRealNodesRunsKwokOnlyAndSaysWhy() throws Exception {
        RealNodeCheck.Choice choice = RealNodeCheck.choose(campaign("{nodes: 2, realNodes: 1, realNodesFallback: kwok-only}"), NO_ROOT);
        assertThat(choice.campaign().cluster().realNodes()).isZero();
        assertThat(choice.campaign().cluster().nodes()).isEqualTo(2);
        assertThat(choice.line()).contains("real nodes unavailable: root (real nodes create a network namespace, mounts and"
                + " cgroups) missing; running kwok-only");
    }

    @Test
    void byDefaultAHostWithoutRealNodesStopsTheCampaignNamingTheFallback() throws Exception {
        Campaign c = campaign("{realNodes: 1}");
        assertThatThrownBy(() -> RealNodeCheck.choose(c, List.of("packages containerd runc")))
                .isInstanceOf(Mutineer.PrerequisiteMissing.class)
                .hasMessageContaining("real nodes need packages containerd runc")
                .hasMessageContaining("cluster.realNodesFallback: kwok-only");
    }

    @Test
    void aKwokOnlyCampaignIsNeverChecked() throws Exception {
        Campaign c = campaign("{nodes: 1}");
        assertThat(RealNodeCheck.choose(c, NO_ROOT).campaign()).isSameAs(c);
        assertThat(RealNodeCheck.choose(c, NO_ROOT).unavailable()).isEmpty();
    }
}
