package dev.mutineer.cli;

import dev.mutineer.campaign.Campaign;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@code reproduce} replays on a host that cannot run the recorded campaign's real nodes. */
class ReproduceSetupTest {

    private static final List<String> NO_ROOT = RealNodeCheckTest.NO_ROOT;

    @TempDir
    Path tmp;

    private Campaign campaign(String cluster) throws Exception {
        return RealNodeCheckTest.campaign(tmp, cluster);
    }

    @Test
    void whereRealNodesRunTheReplayIsAsRecordedAgainstTheRecordedBaseline() throws Exception {
        Campaign c = campaign("{realNodes: 1, realNodesFallback: kwok-only}");
        ReproduceCommand.Setup setup = ReproduceCommand.setup(RealNodeCheck.choose(c, List.of()), false);
        assertThat(setup).isEqualTo(new ReproduceCommand.Setup(c, false, List.of()));
        assertThat(ReproduceCommand.setup(RealNodeCheck.choose(c, List.of()), true).learnNewBaseline()).isTrue();
    }

    /** The recorded baseline holds the real clients' view, which a kwok-only replay cannot have. */
    @Test
    void theKwokOnlyFallbackSaysSoAndLearnsANewBaseline() throws Exception {
        ReproduceCommand.Setup setup = ReproduceCommand.setup(
                RealNodeCheck.choose(campaign("{nodes: 2, realNodes: 1, realNodesFallback: kwok-only}"), NO_ROOT), false);
        assertThat(setup.campaign().cluster().realNodes()).isZero();
        assertThat(setup.learnNewBaseline()).isTrue();
        assertThat(setup.lines()).hasSize(2);
        assertThat(setup.lines().get(0)).startsWith("real nodes unavailable: root").endsWith("running kwok-only");
        assertThat(setup.lines().get(1)).contains("learning a new one kwok-only");
    }

    @Test
    void withANewBaselineAskedTheFallbackSaysOnlyWhy() throws Exception {
        ReproduceCommand.Setup setup = ReproduceCommand.setup(
                RealNodeCheck.choose(campaign("{realNodes: 1, realNodesFallback: kwok-only}"), NO_ROOT), true);
        assertThat(setup.lines()).singleElement().asString().startsWith("real nodes unavailable");
    }

    @Test
    void withoutTheFallbackTheReplayStopsBeforeAnyClusterStarts() throws Exception {
        Campaign c = campaign("{realNodes: 1}");
        assertThatThrownBy(() -> ReproduceCommand.setup(RealNodeCheck.choose(c, NO_ROOT), false))
                .isInstanceOf(Mutineer.PrerequisiteMissing.class);
    }
}
