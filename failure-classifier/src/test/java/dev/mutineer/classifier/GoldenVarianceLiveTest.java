package dev.mutineer.classifier;

import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.baseline.BaselineLearner;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.observe.Observer;
import dev.mutineer.classifier.observe.ObserverConfig;
import dev.mutineer.cluster.local.LocalCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden against golden on the default workload (examples/workloads: Deployments, StatefulSet, DaemonSet, Job,
 * CronJob, PDB) with a steady-state restore before every run, as a campaign does. Every comparison must be
 * NO_EFFECT: a symptom here is a false positive the classifier would report in every campaign. Prints the
 * figures. Run with -Pslow.
 */
@Tag("slow")
class GoldenVarianceLiveTest {

    private static final int BASELINE_RUNS = 3;
    private static final int COMPARISONS = 12;
    private static final ObserverConfig CONFIG = ObserverConfig.of(Duration.ofSeconds(8));

    @Test
    void goldenRunsOfTheDefaultWorkloadAreNoEffect() throws Exception {
        try (LocalCluster cluster = new LocalCluster().withNodes(3).start()) {
            KubernetesClient k8s = cluster.client();
            ShopWorkload.deploy(k8s);
            Thread.sleep(5000);
            cluster.saveSteadyState();

            List<Observation> golden = new ArrayList<>();
            for (int i = 0; i < BASELINE_RUNS; i++) {
                golden.add(observeAfterRestore(cluster));
            }
            Baseline baseline = BaselineLearner.learn(golden);
            assertThat(baseline.workloads()).containsKeys("Deployment/shop/frontend", "StatefulSet/shop/db", "DaemonSet/shop/node-agent");

            Classifier classifier = new Classifier();
            int noEffect = 0;
            List<String> falsePositives = new ArrayList<>();
            for (int i = 0; i < COMPARISONS; i++) {
                Verdict v = classifier.classify(observeAfterRestore(cluster), baseline, InjectionFacts.none());
                if (v.outcome() == Outcome.NO_EFFECT) {
                    noEffect++;
                } else {
                    falsePositives.add(v.outcome() + " " + v.symptoms());
                }
            }
            System.out.printf("golden vs golden: %d of %d NO_EFFECT (baseline from %d runs, %d s windows)%n",
                    noEffect, COMPARISONS, BASELINE_RUNS, CONFIG.window().toSeconds());
            falsePositives.forEach(f -> System.out.println("  false positive: " + f));
            assertThat(falsePositives).isEmpty();
        }
    }

    private static Observation observeAfterRestore(LocalCluster cluster) {
        cluster.restoreSteadyState();
        try (Observer observer = new Observer(cluster, CONFIG)) {
            return observer.observe();
        }
    }
}
