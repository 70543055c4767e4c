package dev.mutineer.campaign.run;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.classifier.Classifier;
import dev.mutineer.classifier.InjectedObject;
import dev.mutineer.classifier.InjectionFacts;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.Symptom;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.Verdict;
import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.observe.Observer;
import dev.mutineer.classifier.observe.ObserverConfig;
import dev.mutineer.injector.spec.InjectionSpec;
import dev.mutineer.injector.spec.Target;
import dev.mutineer.results.JournalRecord;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint flap, routing and orphan rules on live histories, each on a fault whose outcome is known, on a kwok-only
 * local cluster with the shop workload: a Service's selector pointed at another workload (foreign endpoints), one that
 * selects nothing (its own ready pods lost), a ReplicaSet whose owner reference names no Deployment (an orphan that
 * the garbage collector leaves), and a frontend pod deleted in the middle of a window (endpoint flaps, TRANSIENT).
 */
class HistoryRulesLiveTest {

    @TempDir
    Path tmp;

    private record Case(String name, InjectionSpec spec, Outcome expected, SymptomKind symptom) {
    }

    @Test
    void eachHistoryRuleFindsTheFaultItIsFor() throws Exception {
        Campaign campaign = new CampaignLoader().load(TestCampaigns.write(tmp, """
                name: history-rules
                workload: [workloads/]
                faults:
                  - operator: delete
                    sample: 1
                observationWindow: 10s
                settleTime: 2s
                goldenRuns: 2
                """));
        List<Case> cases = List.of(
                new Case("frontend Service selects the backend's pods",
                        spec(Target.named("Service", "shop", "frontend"), "value",
                                Map.of("field", "spec.selector[app.kubernetes.io/name]", "change", "set", "to", "backend")),
                        Outcome.SERVICE_NETWORKING, SymptomKind.ENDPOINTS_FOREIGN_WORKLOAD),
                new Case("backend Service selects nothing",
                        spec(Target.named("Service", "shop", "backend"), "value",
                                Map.of("field", "spec.selector[app.kubernetes.io/name]", "change", "set", "to", "nothing-matches")),
                        Outcome.SERVICE_NETWORKING, SymptomKind.ENDPOINTS_LOST_OWN_POD),
                new Case("frontend ReplicaSet's owner reference names no Deployment",
                        spec(Target.selected("ReplicaSet", "shop", "app.kubernetes.io/name=frontend"), "value",
                                Map.of("field", "metadata.ownerReferences[0].name", "change", "set", "to", "frontend-gone")),
                        Outcome.OVER_PROVISIONING, SymptomKind.ORPHANED_OBJECT));

        List<String> wrong = new ArrayList<>();
        try (CampaignCluster cluster = CampaignCluster.start(campaign, campaign.cluster(), c -> { }, System.out::println)) {
            InjectionRunner injections = new InjectionRunner(cluster, campaign.observationWindow(), campaign.settleTime(), campaign.reset());
            Baseline baseline = injections.learnBaseline(campaign.goldenRuns());
            System.out.println("golden history: " + baseline.history());
            for (Case c : cases) {
                InjectionRun run = injections.run(c.spec(), baseline);
                JournalRecord result = ResultRecords.of(run, c.spec().id(), "history-rules", "default", 1, tmp);
                System.out.printf("%-58s %-20s %s%n", c.name(), result.outcome(), result.symptoms());
                if (c.expected() != result.outcome() || result.symptoms().stream().noneMatch(s -> s.kind() == c.symptom())) {
                    wrong.add(c.name() + ": expected " + c.expected() + " with " + c.symptom() + ", got " + result.outcome()
                            + " " + result.symptoms());
                }
            }
            Verdict flap = podDeletedMidWindow(injections, cluster, campaign.observationWindow(), baseline);
            System.out.printf("%-58s %-20s %s (%s)%n", "frontend pod deleted in the window", flap.outcome(), flap.symptoms(), flap.rule());
            if (flap.outcome() != Outcome.TRANSIENT || flap.symptoms().stream().map(Symptom::kind).noneMatch(k -> k == SymptomKind.ENDPOINT_FLAPS)
                    || !flap.rule().contains("the effect lasted")) {
                wrong.add("pod deleted mid-window: expected TRANSIENT with ENDPOINT_FLAPS and its duration, got " + flap.outcome()
                        + " " + flap.symptoms() + " (" + flap.rule() + ")");
            }
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * A window in which a frontend pod is deleted through the API 6 s after the observer started, after the history's
     * listing: its endpoint
     * goes, its replacement's comes (not ready, then ready) while the history watches; the samples may miss it all.
     */
    private static Verdict podDeletedMidWindow(InjectionRunner injections, CampaignCluster cluster, Duration window,
                                               Baseline baseline) throws InterruptedException {
        injections.reset();
        Thread.sleep(2_000); // the campaign's settle time, as before every golden window
        var client = cluster.cluster().client();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            timer.schedule(() -> {
                Pod victim = client.pods().inNamespace("shop").withLabel("app.kubernetes.io/name", "frontend").list()
                        .getItems().get(0);
                client.pods().inNamespace("shop").withName(victim.getMetadata().getName()).withGracePeriod(0).delete();
            }, 6, TimeUnit.SECONDS); // the history's lists took up to 4 s here under load: after them, within the window
            Observation o;
            try (Observer observer = new Observer(cluster.cluster(), ObserverConfig.of(window).withNamespaces(cluster.namespaces()))) {
                o = observer.observe();
            }
            return new Classifier().classify(o, baseline,
                    new InjectionFacts(new InjectedObject("Pod", "shop", "frontend"), true, false));
        } finally {
            timer.shutdownNow();
        }
    }

    private static InjectionSpec spec(Target target, String operator, Map<String, String> parameters) {
        return InjectionSpec.of(target, operator, parameters, 42);
    }
}
