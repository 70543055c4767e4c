package dev.mutineer.campaign.run;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator without a cluster: stored objects given, the plan must be a pure function of campaign and objects. */
class CampaignPlannerTest {

    @TempDir
    Path tmp;

    private static final List<StoredObjects.Selected> OBJECTS = List.of(
            object("Deployment", "frontend"), object("Deployment", "backend"), object("Service", "frontend"));

    @Test
    void sameCampaignAndObjectsGiveTheSameIdsInTheSameOrder() throws Exception {
        Campaign c = campaign(1, "  - operator: value\n    sample: 5\n  - operator: delete\n    sample: exhaustive\n");
        List<String> first = ids(CampaignPlanner.plan(c, OBJECTS));
        assertThat(first).hasSize(8).doesNotHaveDuplicates();
        assertThat(ids(CampaignPlanner.plan(c, OBJECTS))).containsExactlyElementsOf(first);
        assertThat(ids(CampaignPlanner.plan(campaign(2, "  - operator: value\n    sample: 5\n  - operator: delete\n    sample: exhaustive\n"), OBJECTS)))
                .as("another seed").isNotEqualTo(first);
    }

    @Test
    void aFaultAddedAtTheEndLeavesTheOthersAlone() throws Exception {
        List<PlannedInjection> before = CampaignPlanner.plan(campaign(1, "  - operator: value\n    sample: 4\n"), OBJECTS);
        List<PlannedInjection> after = CampaignPlanner.plan(campaign(1, "  - operator: value\n    sample: 4\n  - operator: bit-flip\n    sample: 3\n"), OBJECTS);
        assertThat(ids(after.subList(0, 4))).containsExactlyElementsOf(ids(before));
        assertThat(after.subList(4, 7)).allSatisfy(p -> assertThat(p.spec().operator()).isEqualTo("bit-flip"));
    }

    @Test
    void anOperatorWithoutChoicesIsPlannedOncePerObject() throws Exception {
        // delete has no parameters: drawing an object twice would run the very same injection twice
        List<PlannedInjection> plan = CampaignPlanner.plan(campaign(1, "  - operator: delete\n    sample: 10\n"), OBJECTS);
        assertThat(plan).hasSize(3);
        assertThat(plan).extracting(p -> p.spec().target()).containsExactlyInAnyOrderElementsOf(OBJECTS.stream().map(StoredObjects.Selected::target).toList());
    }

    @Test
    void fieldPatternsMakeEachSelectedFieldACandidate() throws Exception {
        Campaign c = campaign(1, "  - operator: value\n    sample: exhaustive\n", "  fields: [spec.replicas]\n");
        List<PlannedInjection> plan = CampaignPlanner.plan(c, OBJECTS);
        assertThat(plan).hasSize(2).allSatisfy(p -> {
            assertThat(p.spec().target().kind()).isEqualTo("Deployment");
            assertThat(p.spec().parameters()).containsEntry("field", "spec.replicas");
        });
    }

    @Test
    void anExplicitFieldKeepsOnlyTheObjectsThatHaveItAndSaysWhatItDropped() throws Exception {
        // Before: every targeted object was planned, and the Service's injection ended NOT_ACTIVATED.
        Campaign c = campaign(1, "  - operator: value\n    parameters: {field: spec.replicas, change: zero}\n    sample: exhaustive\n");
        List<String> notes = new java.util.ArrayList<>();
        List<PlannedInjection> plan = CampaignPlanner.plan(c, OBJECTS, notes::add);
        assertThat(plan).hasSize(2).allSatisfy(p -> assertThat(p.spec().target().kind()).isEqualTo("Deployment"));
        assertThat(notes).singleElement().asString()
                .contains("faults[0]").contains("dropped 1 of 3").contains("no field spec.replicas").contains("1 Service");
        // Without a named field nothing is dropped, and nothing is said.
        notes.clear();
        assertThat(CampaignPlanner.plan(campaign(1, "  - operator: delete\n    sample: exhaustive\n"), OBJECTS, notes::add)).hasSize(3);
        assertThat(notes).isEmpty();
    }

    @Test
    void aDifferentialCampaignCountsTheRunsOfEveryVariantsOwnPlan() {
        // The first variant planned 10 injections, the second (fewer nodes to target) 7: 17 runs, not 2 x 10.
        assertThat(CampaignRunner.plannedRuns(List.of(10), 2, 1)).isEqualTo(20); // estimate until the second plans
        assertThat(CampaignRunner.plannedRuns(List.of(10, 7), 2, 1)).isEqualTo(17);
        assertThat(CampaignRunner.plannedRuns(List.of(10, 7), 3, 2)).isEqualTo((10 + 7 + 7) * 2);
    }

    @Test
    void journalIdsTellRepetitionsAndVariantsApart() {
        assertThat(ResultRecords.journalId("3f9k2m8q1z", "default", false, 1)).isEqualTo("3f9k2m8q1z");
        assertThat(ResultRecords.journalId("3f9k2m8q1z", "default", false, 2)).isEqualTo("3f9k2m8q1z.2");
        assertThat(ResultRecords.journalId("3f9k2m8q1z", "gate-off", true, 1)).isEqualTo("3f9k2m8q1z.gate-off");
    }

    @Test
    void labelsCarryingAUidAreNotPartOfAStableSelector() {
        assertThat(StoredObjects.stableLabels(java.util.Map.of("job-name", "migrate", "batch.kubernetes.io/controller-uid", "0a1b",
                "controller-uid", "0a1b", "pod-template-hash", "79b8fb75db")))
                .containsOnlyKeys("job-name", "pod-template-hash");
    }

    @Test
    void aRealNodesDaemonIsOneCandidatePerNodeThatRunsIt() throws Exception {
        Campaign two = realNodes(2, "  - operator: kill-component\n    sample: exhaustive\n    parameters: {component: kubelet}\n"
                + "  - operator: pause-component\n    sample: exhaustive\n    parameters: {component: kube-proxy}\n"
                + "  - operator: restart-component\n    sample: exhaustive\n    parameters: {component: containerd, node: real-node-1}\n");
        List<PlannedInjection> plan = CampaignPlanner.plan(two, OBJECTS);
        assertThat(plan).extracting(p -> p.spec().operator() + " " + p.spec().target().name() + " " + p.spec().parameters().get("node"))
                .containsExactly("kill-component kubelet real-node-0", "kill-component kubelet real-node-1",
                        "pause-component kube-proxy real-node-0", "restart-component containerd real-node-1");
        assertThat(ids(plan)).doesNotHaveDuplicates();
    }

    @Test
    void aSampleDrawsTheNodeWithTheSeedAndEachComponentStaysTheControlPlanes() throws Exception {
        String faults = "  - operator: kill-component\n    sample: 1\n    parameters: {component: kubelet}\n"
                + "  - operator: kill-component\n    sample: exhaustive\n";
        List<PlannedInjection> plan = CampaignPlanner.plan(realNodes(8, faults), OBJECTS);
        assertThat(plan.get(0).spec().parameters().get("node")).startsWith("real-node-");
        assertThat(ids(CampaignPlanner.plan(realNodes(8, faults), OBJECTS))).as("the same seed draws the same node")
                .containsExactlyElementsOf(ids(plan));
        // no component named: each control-plane process, as before real nodes (a plan written then keeps its IDs)
        assertThat(plan.subList(1, plan.size())).extracting(p -> p.spec().target().name())
                .containsExactly("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok");
    }

    private int campaigns;

    private Campaign realNodes(int n, String faults) throws Exception {
        Path dir = tmp.resolve("r" + (++campaigns));
        return new CampaignLoader().load(TestCampaigns.write(dir, "name: t\nseed: 5\ncluster: {realNodes: " + n
                + "}\nworkload: [workloads/]\nfaults:\n" + faults));
    }

    private Campaign campaign(long seed, String faults) throws Exception {
        return campaign(seed, faults, "");
    }

    private Campaign campaign(long seed, String faults, String targets) throws Exception {
        Path dir = tmp.resolve("c" + seed + Math.abs((faults + targets).hashCode()));
        return new CampaignLoader().load(TestCampaigns.write(dir, "name: t\nseed: " + seed + "\nworkload: [workloads/]\n"
                + (targets.isEmpty() ? "" : "targets:\n" + targets) + "faults:\n" + faults));
    }

    private static List<String> ids(List<PlannedInjection> plan) {
        return plan.stream().map(PlannedInjection::id).toList();
    }

    private static StoredObjects.Selected object(String kind, String name) {
        return TestCampaigns.storedObject(kind, name);
    }
}
