package dev.mutineer.campaign.run;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.classifier.Classifier;
import dev.mutineer.classifier.InjectedObject;
import dev.mutineer.classifier.InjectionFacts;
import dev.mutineer.classifier.Symptom;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.Verdict;
import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.observe.Observer;
import dev.mutineer.classifier.observe.ObserverConfig;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentExit;
import dev.mutineer.cluster.local.LocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A control-plane process that dies by itself (not a fault: a SIGKILL from outside, as the OOM killer would send)
 * is started again by the local cluster's supervisor after kubelet's first back-off of 10 s, and the verdict of the
 * window it happened in shows that one exit, its status and when the scheduler ran again.
 */
class SupervisedExitVerdictLiveTest {

    @TempDir
    Path tmp;

    @Test
    void aKilledSchedulerIsRestartedWithBackOffAndTheVerdictShowsTheExitAndTheRecovery() throws Exception {
        Campaign campaign = new CampaignLoader().load(TestCampaigns.write(tmp, """
                name: supervised
                cluster: {nodes: 1}
                workload: [workloads/]
                faults: [{operator: delete, sample: 1}]
                observationWindow: 20s
                settleTime: 1s
                goldenRuns: 1
                """));
        try (CampaignCluster cluster = CampaignCluster.start(campaign, campaign.cluster(), c -> { }, System.out::println)) {
            InjectionRunner injections = new InjectionRunner(cluster, Duration.ofSeconds(5), campaign.settleTime(), campaign.reset());
            Baseline baseline = injections.learnBaseline(campaign.goldenRuns());
            injections.reset();
            LocalCluster local = (LocalCluster) cluster.cluster();
            long pid = local.pids().get(Component.SCHEDULER.binary());

            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(2_000);
                    new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Observation observation;
            try (Observer observer = new Observer(local, ObserverConfig.of(campaign.observationWindow())
                    .withNamespaces(cluster.namespaces()))) {
                killer.start();
                observation = observer.observe();
            }
            killer.join();

            assertThat(observation.exits()).as("the exits of the window").singleElement().satisfies(e -> {
                assertThat(e.component()).isEqualTo(Component.SCHEDULER);
                assertThat(e.status()).isEqualTo("SIGKILL");
                assertThat(e.restartedAt()).as("started again within the window").isNotNull();
                assertThat(Duration.between(e.exitedAt(), e.restartedAt())).as("kubelet's first back-off")
                        .isBetween(Duration.ofSeconds(9), Duration.ofSeconds(14));
            });
            Verdict verdict = new Classifier().classify(observation, baseline,
                    new InjectionFacts(new InjectedObject("Component", "", "kube-scheduler"), true, false));
            List<Symptom> exits = verdict.symptoms().stream().filter(s -> s.kind() == SymptomKind.COMPONENT_EXITED).toList();
            ComponentExit exit = observation.exits().get(0);
            System.out.println("SupervisedExitVerdictLiveTest: " + verdict.outcome() + " " + exits);
            assertThat(exits).singleElement().satisfies(s -> {
                assertThat(s.subject()).isEqualTo("component/kube-scheduler");
                assertThat(s.value()).contains("SIGKILL", "started again after");
            });
            assertThat(local.restarts(Component.SCHEDULER)).isEqualTo(1);
            assertThat(local.state(Component.SCHEDULER)).isEqualTo(dev.mutineer.cluster.ComponentState.RUNNING);
            assertThat(exit.restartedAt()).isNotNull();
        }
    }
}
