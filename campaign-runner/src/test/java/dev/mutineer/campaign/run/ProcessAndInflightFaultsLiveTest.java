package dev.mutineer.campaign.run;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;
import dev.mutineer.injector.fault.ComponentFault;
import dev.mutineer.injector.spec.InjectionSpec;
import dev.mutineer.injector.spec.Target;
import dev.mutineer.results.JournalRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Component faults and in-flight rules as campaign faults, through the same pipeline as at-rest ones
 * (restore, settle, inject, observe, classify, journal record), on a real local cluster whose API
 * server talks to etcd through the interposer because the campaign names an in-flight fault.
 */
class ProcessAndInflightFaultsLiveTest {

    @TempDir
    Path tmp;

    @Test
    void componentAndInflightFaultsRunThroughThePipeline() throws Exception {
        Campaign campaign = new CampaignLoader().load(TestCampaigns.write(tmp, """
                name: process-and-inflight
                workload: [workloads/]
                faults:
                  - operator: kill-component
                    sample: exhaustive
                  - operator: fail-write
                    parameters: {kind: Lease}
                    sample: 1
                observationWindow: 12s
                settleTime: 2s
                goldenRuns: 1
                """));

        // Planning: a component fault aims at each control-plane process, whatever the workload.
        List<PlannedInjection> planned = CampaignPlanner.plan(campaign, List.of());
        assertThat(planned).filteredOn(p -> p.spec().operator().equals("kill-component"))
                .extracting(p -> p.spec().target().name())
                .containsExactlyInAnyOrder("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok");

        try (CampaignCluster cluster = CampaignCluster.start(campaign, campaign.cluster(), c -> { }, System.out::println)) {
            assertThat(cluster.interposer()).as("in-flight faults put the interposer in front of etcd").isPresent();
            InjectionRunner injections = new InjectionRunner(cluster, campaign.observationWindow(), campaign.settleTime(), campaign.reset());
            Baseline baseline = injections.learnBaseline(campaign.goldenRuns());

            JournalRecord killed = run(injections, baseline, component("kill-component", "kube-controller-manager", Map.of()));
            assertThat(killed.activated()).isTrue();
            assertThat(killed.outcome()).isEqualTo(Outcome.CLUSTER_WIDE);

            // The next injection's restore brought the controller-manager back; this one restarts the scheduler.
            JournalRecord restarted = run(injections, baseline, component("restart-component", "kube-scheduler", Map.of()));
            assertThat(restarted.activated()).isTrue();
            assertThat(cluster.cluster().state(Component.CONTROLLER_MANAGER)).isEqualTo(ComponentState.RUNNING);
            assertThat(cluster.cluster().state(Component.SCHEDULER)).isEqualTo(ComponentState.RUNNING);

            // kwok renews the three node leases every 10 s: the first renewal in the window is refused.
            JournalRecord failedLease = run(injections, baseline, InjectionSpec.of(
                    Target.named("Deployment", "shop", "frontend"), "fail-write", Map.of("kind", "Lease"), 0));
            assertThat(failedLease.activated()).as("a lease write was refused").isTrue();
            assertThat(failedLease.newValue()).contains("failed");

            // Nothing writes a steady Deployment: a rule aimed at its key never fires, so it was not activated.
            JournalRecord idle = run(injections, baseline, InjectionSpec.of(
                    Target.named("Deployment", "shop", "frontend"), "drop-write", Map.of(), 0));
            assertThat(idle.activated()).isFalse();
            assertThat(idle.outcome()).isEqualTo(Outcome.NOT_ACTIVATED);
        }
    }

    private JournalRecord run(InjectionRunner injections, Baseline baseline, InjectionSpec spec) {
        InjectionRun run = injections.run(spec, baseline);
        JournalRecord result = ResultRecords.of(run, spec.id(), "process-and-inflight", "default", 1, tmp);
        System.out.printf("%-20s %-28s %-20s %s | %s%n", spec.operator(), spec.target(), result.outcome(),
                run.record().description(), result.symptoms());
        return result;
    }

    private static InjectionSpec component(String operator, String component, Map<String, String> extra) {
        Map<String, String> p = new java.util.TreeMap<>(extra);
        p.put("component", component);
        return InjectionSpec.of(Target.named(ComponentFault.TARGET_KIND, "", component), operator, p, 0);
    }
}
