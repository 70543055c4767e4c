package dev.mutineer.campaign.run;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.injector.spec.InjectionSpec;
import dev.mutineer.injector.spec.Target;
import dev.mutineer.results.JournalRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline (workload at rest, restore, settle, at-rest injection into etcd, observation, classification
 * against golden runs, journal record) on injections whose outcome is known, on a real local cluster with the
 * default shop workload.
 */
class KnownOutcomesLiveTest {

    @TempDir
    Path tmp;

    private record Case(String name, InjectionSpec spec, Outcome expected) {
    }

    @Test
    void injectionsWithKnownOutcomesAreClassifiedSo() throws Exception {
        Campaign campaign = new CampaignLoader().load(TestCampaigns.write(tmp, """
                name: known
                workload: [workloads/]
                faults:
                  - operator: delete
                    sample: 1
                observationWindow: 12s
                settleTime: 2s
                goldenRuns: 2
                """));
        String frontendPods = "app.kubernetes.io/name=frontend";
        List<Case> cases = List.of(
                new Case("Deployment spec.replicas -> 0",
                        spec(Target.named("Deployment", "shop", "frontend"), "value", Map.of("field", "spec.replicas", "change", "zero")),
                        Outcome.UNDER_PROVISIONING),
                new Case("pod relabeled out of its ReplicaSet's selector",
                        spec(Target.selected("Pod", "shop", frontendPods), "value",
                                Map.of("field", "metadata.labels[app.kubernetes.io/name]", "change", "set", "to", "moved")),
                        Outcome.OVER_PROVISIONING),
                new Case("Service selector corrupted",
                        spec(Target.named("Service", "shop", "backend"), "value",
                                Map.of("field", "spec.selector[app.kubernetes.io/name]", "change", "set", "to", "nothing-matches")),
                        Outcome.SERVICE_NETWORKING),
                new Case("undecodable Pod value",
                        spec(Target.selected("Pod", "shop", frontendPods), "undecodable", Map.of("how", "truncate")),
                        Outcome.CLUSTER_WIDE),
                // An object its controller writes (a Deployment's status) may be stored again within the window,
                // so a harmless label on it ends NO_EFFECT or LATENT by timing. Nothing writes the shop's
                // ConfigMap and nothing selects on its labels: the corrupted value stays, with no symptom.
                new Case("a label nothing selects, on an object nothing writes",
                        spec(Target.named("ConfigMap", "shop", "shop-config"), "value",
                                Map.of("field", "metadata.labels[app.kubernetes.io/part-of]", "change", "set", "to", "elsewhere")),
                        Outcome.LATENT));

        List<String> wrong = new ArrayList<>();
        try (CampaignCluster cluster = CampaignCluster.start(campaign, campaign.cluster(), c -> { }, System.out::println)) {
            InjectionRunner injections = new InjectionRunner(cluster, campaign.observationWindow(), campaign.settleTime(), campaign.reset());
            Baseline baseline = injections.learnBaseline(campaign.goldenRuns());
            for (Case c : cases) {
                InjectionRun run = injections.run(c.spec(), baseline);
                JournalRecord result = ResultRecords.of(run, c.spec().id(), "known", "default", 1, tmp);
                System.out.printf("%-50s %-20s %s%n", c.name(), result.outcome(), result.symptoms());
                assertThat(run.record().injected()).as(c.name() + ": injected (" + run.record().reason() + ")").isTrue();
                assertThat(result.oldValue()).as(c.name()).isNotEqualTo(result.newValue());
                assertThat(result.spec().path("phasesMillis").path("observeMillis").asLong())
                        .as(c.name() + ": observed the whole window").isGreaterThanOrEqualTo(campaign.observationWindow().toMillis() - 500);
                if (c.expected() != result.outcome()) {
                    wrong.add(c.name() + ": expected " + c.expected() + ", got " + result.outcome() + " " + result.symptoms());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static InjectionSpec spec(Target target, String operator, Map<String, String> parameters) {
        return InjectionSpec.of(target, operator, parameters, 42);
    }
}
