package dev.mutineer.campaign.run;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignException;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.campaign.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The scheduling of clusters side by side without a cluster: the queue, the parallelism, the baseline names. */
class InjectionQueueTest {

    @TempDir
    Path tmp;

    @Test
    void theQueueHandsOutTheSerialIdsInPlanOrderSkippingRecordedOnes() throws Exception {
        List<PlannedInjection> plan = plan();
        List<String> serial = new ArrayList<>();
        for (PlannedInjection p : plan) {
            serial.add(p.id());
            serial.add(p.id() + ".2");
        }
        InjectionQueue all = new InjectionQueue(plan, "default", false, 2, Set.of(), Integer.MAX_VALUE);
        assertThat(drain(all)).containsExactlyElementsOf(serial);

        InjectionQueue resumed = new InjectionQueue(plan, "default", false, 2, Set.of(serial.get(0), serial.get(3)), Integer.MAX_VALUE);
        assertThat(resumed.skipped()).isEqualTo(2);
        assertThat(drain(resumed)).doesNotContain(serial.get(0), serial.get(3)).hasSize(serial.size() - 2);
    }

    @Test
    void theBudgetAndCloseBoundWhatIsHandedOut() throws Exception {
        InjectionQueue budgeted = new InjectionQueue(plan(), "v", true, 1, Set.of(), 2);
        assertThat(drain(budgeted)).hasSize(2).allSatisfy(id -> assertThat(id).endsWith(".v"));
        assertThat(budgeted.left()).isEqualTo(plan().size() - 2);

        InjectionQueue closed = new InjectionQueue(plan(), "default", false, 1, Set.of(), Integer.MAX_VALUE);
        assertThat(closed.next()).isPresent();
        closed.close();
        assertThat(closed.next()).isEmpty();
    }

    @Test
    void clustersTakingAtOnceGetEachInjectionExactlyOnce() throws Exception {
        List<PlannedInjection> plan = plan();
        InjectionQueue queue = new InjectionQueue(plan, "default", false, 50, Set.of(), Integer.MAX_VALUE);
        List<String> taken = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> clusters = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (Optional<InjectionQueue.Work> w = queue.next(); w.isPresent(); w = queue.next()) {
                    taken.add(w.get().id());
                }
            });
            t.start();
            clusters.add(t);
        }
        go.countDown();
        for (Thread t : clusters) {
            t.join();
        }
        assertThat(taken).hasSize(plan.size() * 50).doesNotHaveDuplicates();
    }

    @Test
    void autoIsFourPerCoreBoundedByMemoryAndTheMaximum() {
        long gib = 1024L * 1024 * 1024;
        assertThat(Parallelism.auto(2, 8 * gib)).isEqualTo(8);
        assertThat(Parallelism.auto(2, 3 * gib)).as("3 GiB hold five 600 MiB clusters").isEqualTo(5);
        assertThat(Parallelism.auto(2, gib)).as("1 GiB holds one 600 MiB cluster").isEqualTo(1);
        assertThat(Parallelism.auto(2, 100L * 1024 * 1024)).as("never below one").isEqualTo(1);
        assertThat(Parallelism.auto(64, 512 * gib)).isEqualTo(Parallelism.MAX);
        assertThat(Parallelism.parse(" 3 ")).isEqualTo(3);
        assertThat(Parallelism.parse("auto")).isBetween(1, Parallelism.MAX);
        assertThatThrownBy(() -> Parallelism.parse("17")).hasMessageContaining("from 1 to 16");
        assertThatThrownBy(() -> Parallelism.parse("two")).hasMessageContaining("'auto'");
    }

    @Test
    void withRealNodesAutoIsOnePerCoreAndCountsTheNodesMemory() {
        long mib = 1024L * 1024;
        assertThat(Parallelism.auto(2, 8192 * mib, 1)).as("one per core").isEqualTo(2);
        assertThat(Parallelism.auto(8, 3 * 856 * mib, 1)).as("600 + 256 MiB each").isEqualTo(3);
        assertThat(Parallelism.auto(8, 3 * 856 * mib, 2)).as("600 + 2 x 256 MiB each").isEqualTo(2);
    }

    @Test
    void variantsShareTheClustersAndRunSideBySideWhenThereAreEnough() {
        assertThat(Parallelism.rounds(1, 1)).containsExactly(List.of(1));
        assertThat(Parallelism.rounds(1, 3)).as("one cluster: one variant after another")
                .containsExactly(List.of(1), List.of(1), List.of(1));
        assertThat(Parallelism.rounds(2, 2)).as("a cluster per variant, both at once").containsExactly(List.of(1, 1));
        assertThat(Parallelism.rounds(5, 2)).as("the first variant gets the odd one").containsExactly(List.of(3, 2));
        assertThat(Parallelism.rounds(2, 3)).as("rounds of two variants, the last one alone on both clusters")
                .containsExactly(List.of(1, 1), List.of(2));
        assertThat(Parallelism.rounds(4, 1)).containsExactly(List.of(4));
        for (int clusters = 1; clusters <= 6; clusters++) {
            for (int variants = 1; variants <= 6; variants++) {
                List<List<Integer>> rounds = Parallelism.rounds(clusters, variants);
                assertThat(rounds.stream().mapToInt(List::size).sum()).as("every variant once").isEqualTo(variants);
                for (List<Integer> round : rounds) {
                    assertThat(round.stream().mapToInt(Integer::intValue).sum())
                            .as("never more clusters than asked, all of them used").isEqualTo(clusters);
                }
            }
        }
        assertThatThrownBy(() -> Parallelism.rounds(0, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void queuesOfVariantsSideBySideDrawFromOneBudget() throws Exception {
        InjectionBudget budget = new InjectionBudget(3);
        InjectionQueue a = new InjectionQueue(plan(), "a", true, 1, Set.of(), budget);
        InjectionQueue b = new InjectionQueue(plan(), "b", true, 1, Set.of(), budget);
        assertThat(a.next()).isPresent();
        assertThat(b.next()).isPresent();
        assertThat(a.next()).isPresent();
        assertThat(b.next()).as("three in all").isEmpty();
        assertThat(a.next()).isEmpty();
        assertThat(budget.spent()).isTrue();
    }

    @Test
    void eachClusterHasABaselineFileOfItsOwnAndTheFirstKeepsTheVariantsName() {
        assertThat(CampaignRunner.baselineName("default", 0)).isEqualTo("default");
        assertThat(CampaignRunner.baselineName("default", 1)).isEqualTo("default.cluster-2");
        assertThat(CampaignRunner.baselineName("gate-on", 3)).isEqualTo("gate-on.cluster-4");
    }

    @Test
    void theCampaignsParallelismIsValidatedLikeTheOtherCounts() throws Exception {
        assertThat(load("c1", "").parallelism()).isEqualTo("1");
        assertThat(load("c2", "parallelism: 4\n").parallelism()).isEqualTo("4");
        assertThat(load("c5", "parallelism: auto\n").parallelism()).isEqualTo("auto");
        CampaignException e = catchThrowableOfType(CampaignException.class, () -> load("c3", "parallelism: 17\n"));
        assertThat(e.problems()).extracting(Problem::field).containsExactly("parallelism");
        assertThat(e.problems().get(0).message()).contains("from 1 to 16");
        e = catchThrowableOfType(CampaignException.class, () -> load("c4", "parallelism: 0\n"));
        assertThat(e.problems()).extracting(Problem::field).containsExactly("parallelism");
        e = catchThrowableOfType(CampaignException.class, () -> load("c6", "parallelism: lots\n"));
        assertThat(e.problems()).extracting(Problem::field).containsExactly("parallelism");
        assertThat(e.problems().get(0).message()).contains("'lots'").contains("'auto'");
    }

    private static List<String> drain(InjectionQueue q) {
        List<String> ids = new ArrayList<>();
        for (Optional<InjectionQueue.Work> w = q.next(); w.isPresent(); w = q.next()) {
            ids.add(w.get().id());
        }
        return ids;
    }

    private List<PlannedInjection> plan() throws Exception {
        return CampaignPlanner.plan(load("plan", ""), List.of(TestCampaigns.storedObject("Deployment", "frontend"),
                TestCampaigns.storedObject("Service", "frontend")));
    }

    private Campaign load(String dir, String extra) throws Exception {
        Path d = tmp.resolve(dir);
        Path file = java.nio.file.Files.exists(d.resolve("campaign.yaml")) ? d.resolve("campaign.yaml")
                : TestCampaigns.write(d, "name: t\nworkload: [workloads/]\nfaults:\n  - operator: value\n    sample: 3\n"
                + "  - operator: delete\n    sample: exhaustive\n" + extra);
        return new CampaignLoader().load(file);
    }
}
