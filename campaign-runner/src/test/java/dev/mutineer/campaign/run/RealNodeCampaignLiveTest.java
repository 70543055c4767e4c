package dev.mutineer.campaign.run;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.classifier.observation.PodStatus;
import dev.mutineer.classifier.observation.Sample;
import dev.mutineer.cluster.node.NodeImages;
import dev.mutineer.results.JournalRecord;
import dev.mutineer.results.Journal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tiny campaign with {@code cluster.realNodes: 1} end to end: the echo workload (real containers of the
 * locally built http-echo image) runs on the real node, not on the tainted kwok node, through the golden run,
 * one injection and its observation. Needs root and the node packages: skipped, naming what is missing, without.
 */
class RealNodeCampaignLiveTest {

    private static final String CAMPAIGN = """
            name: real-node
            seed: 3
            cluster: {nodes: 1, realNodes: 1}
            workload: [echo/]
            targets:
              kinds: [Pod]
              namespaces: [echo]
            faults:
              - operator: delete
                sample: 1
            observationWindow: 5s
            settleTime: 1s
            goldenRuns: 1
            """;

    @TempDir
    Path tmp;

    @BeforeAll
    static void realNodesCanRunHere() {
        RealNodesHere.assume("real-node test");
    }

    @Test
    void theWorkloadRunsOnTheRealNodeThroughAWholeCampaign() throws Exception {
        Path dir = tmp.resolve("campaign");
        Files.createDirectories(dir.resolve("echo"));
        Files.copy(TestCampaigns.repo().resolve("examples/echo/echo.yaml"), dir.resolve("echo/echo.yaml"));
        Files.writeString(dir.resolve("campaign.yaml"), CAMPAIGN);
        Campaign campaign = new CampaignLoader().load(dir.resolve("campaign.yaml"));
        NodeImages.httpEcho(); // built once and cached, as the cluster's start would

        long t0 = System.nanoTime();
        CampaignRunner.Summary summary;
        try (Progress progress = Progress.lines(System.out)) {
            summary = new CampaignRunner(campaign, tmp.resolve("results"), false, Integer.MAX_VALUE, progress).run();
        }
        long took = (System.nanoTime() - t0) / 1_000_000;

        List<JournalRecord> records = Journal.read(tmp.resolve("results")).records();
        assertThat(summary.stopped()).isFalse();
        assertThat(records).hasSize(1);
        JournalRecord r = records.get(0);
        assertThat(r.observation()).as("the journal keeps the observation").isNotNull();
        List<Sample> samples = r.observation().samples();
        assertThat(samples).isNotEmpty();
        Set<String> nodes = new TreeSet<>();
        for (Sample s : samples) {
            s.pods().stream().filter(p -> "echo".equals(p.namespace())).map(PodStatus::node)
                    .filter(n -> n != null).forEach(nodes::add);
        }
        assertThat(nodes).as("nodes the echo pods ran on throughout the observation").containsExactly("real-node-0");
        assertThat(samples.get(0).pods()).filteredOn(p -> "echo".equals(p.namespace())).hasSizeGreaterThanOrEqualTo(2)
                .anySatisfy(p -> assertThat(p.ready()).isTrue());
        System.out.println("RealNodeCampaignLiveTest figures: {campaign with 1 real node, 1 golden run + 1 injection (ms)="
                + took + ", outcome=" + r.outcome() + ", phases (ms)=" + r.spec().path("phasesMillis") + "}");
    }
}
