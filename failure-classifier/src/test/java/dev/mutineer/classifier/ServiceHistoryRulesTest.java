package dev.mutineer.classifier;

import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.baseline.BaselineLearner;
import dev.mutineer.classifier.baseline.HistoryBaseline;
import dev.mutineer.classifier.observation.HistoryEvent;
import dev.mutineer.classifier.observation.HistoryEvent.Change;
import dev.mutineer.classifier.observation.HistoryEvent.Owner;
import dev.mutineer.classifier.observation.HistoryFacts;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.observation.ObservationJson;
import dev.mutineer.classifier.rules.RuleInput;
import dev.mutineer.classifier.rules.ServiceRoutingRule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The endpoint flap, routing and orphan rules on constructed histories over the steady samples of {@link World}: every
 * symptom here is one only the history shows (the samples say the cluster was steady throughout).
 */
class ServiceHistoryRulesTest {

    private static final int N = 10;
    private static final Owner WEB_DEPLOY = new Owner("Deployment", "web", "uid-dep-web");
    private static final Owner DB_DEPLOY = new Owner("Deployment", "db", "uid-dep-db");
    private static final Owner WEB_RS = new Owner("ReplicaSet", "web-5d8f", "uid-rs-web");
    private static final Owner DB_RS = new Owner("ReplicaSet", "db-77aa", "uid-rs-db");
    private static final InjectionFacts WEB = new InjectionFacts(new InjectedObject("Service", "default", "web"), true, false);

    private final Classifier classifier = new Classifier();

    private static HistoryEvent event(long t, Change type, String kind, String name, String uid, Owner owner,
                                      Map<String, String> state) {
        return new HistoryEvent(t, type, kind, "default", name, uid, Long.toString(1000 + t), owner, state);
    }

    private static HistoryEvent pod(long t, Change type, String name, Owner owner) {
        return event(t, type, "Pod", name, "uid-" + name, owner,
                Map.of("phase", "Running", "ready", "true", "app", name.substring(0, name.indexOf('-'))));
    }

    private static HistoryEvent slice(long t, Change type, String service, String endpoints) {
        return event(t, type, "EndpointSlice", service + "-abc", "uid-slice-" + service,
                new Owner("Service", service, "uid-svc-" + service), Map.of("service", service, "endpoints", endpoints));
    }

    private static final String WEB_ENDPOINTS = "web-5d8f-0:1,web-5d8f-1:1,web-5d8f-2:1";

    /** The window's first listing: two Deployments, their ReplicaSets and pods, the Services and their slices. */
    private static List<HistoryEvent> listed() {
        List<HistoryEvent> h = new ArrayList<>();
        h.add(event(-9, Change.LISTED, "Deployment", "web", "uid-dep-web", null, Map.of("replicas", "3")));
        h.add(event(-9, Change.LISTED, "Deployment", "db", "uid-dep-db", null, Map.of("replicas", "2")));
        h.add(event(-8, Change.LISTED, "ReplicaSet", "web-5d8f", "uid-rs-web", WEB_DEPLOY, Map.of("replicas", "3")));
        h.add(event(-8, Change.LISTED, "ReplicaSet", "db-77aa", "uid-rs-db", DB_DEPLOY, Map.of("replicas", "2")));
        for (int i = 0; i < 3; i++) {
            h.add(pod(-7, Change.LISTED, "web-5d8f-" + i, WEB_RS));
        }
        for (int i = 0; i < 2; i++) {
            h.add(pod(-7, Change.LISTED, "db-77aa-" + i, DB_RS));
        }
        h.add(event(-6, Change.LISTED, "Service", "web", "uid-svc-web", null, Map.of("selector", "app=web")));
        h.add(event(-6, Change.LISTED, "Service", "db", "uid-svc-db", null, Map.of("selector", "app=db")));
        h.add(slice(-5, Change.LISTED, "web", WEB_ENDPOINTS));
        h.add(slice(-5, Change.LISTED, "db", "db-77aa-0:1,db-77aa-1:1"));
        return h;
    }

    private static Observation window(List<HistoryEvent> history) {
        return World.steady(new World(), N).withHistory(history);
    }

    /** A golden window: the listing and one status update of a pod. */
    private static Observation golden() {
        List<HistoryEvent> h = listed();
        h.add(pod(2_300, Change.MODIFIED, "web-5d8f-1", WEB_RS));
        return window(h);
    }

    private final Baseline baseline = BaselineLearner.learn(List.of(golden(), golden()));

    /** The same baseline as a campaign recorded before these rules wrote it: no endpoint or orphan fields. */
    private final Baseline olderBaseline = withHistory(baseline, new HistoryBaseline(baseline.history().podChurn(),
            baseline.history().maxOwnerChanges()));

    private static Baseline withHistory(Baseline b, HistoryBaseline h) {
        return new Baseline(b.goldenRuns(), b.workloads(), b.services(), b.orphanPods(), b.restartIncrease(), b.readyNodes(),
                b.alwaysRunning(), b.maxApiUnhealthySamples(), b.erroringResources(), b.warningReasons(), b.client(), h);
    }

    private static List<Symptom> ofKind(Verdict v, SymptomKind kind) {
        return v.symptoms().stream().filter(s -> s.kind() == kind).toList();
    }

    /**
     * The listing as the history's start folds it: every object LISTED at one time, here the slices first (then the pods, then their owners: the order
     * the lists came in, one thread each, at 8 clusters side by side). Judged event by event, the pods had no
     * ReplicaSet yet, so their workload was their ReplicaSet's key, not the Deployment: a foreign endpoint in 13 of
     * 104 golden runs.
     */
    private static List<HistoryEvent> foldedSlicesFirst() {
        List<HistoryEvent> listed = listed();
        List<HistoryEvent> h = new ArrayList<>();
        for (String kind : List.of("EndpointSlice", "Pod", "ReplicaSet", "Deployment", "Service")) {
            listed.stream().filter(e -> e.kind().equals(kind)).forEach(e -> h.add(e.at(-1)));
        }
        return h;
    }

    @Test
    void aListingFoldedAtOneTimeIsJudgedWholeWhateverTheOrderOfItsLists() {
        Verdict v = classifier.classify(window(foldedSlicesFirst()), baseline, WEB);
        assertThat(v.outcome()).as(v.symptoms().toString()).isEqualTo(Outcome.NO_EFFECT);
        Baseline fromFolded = BaselineLearner.learn(List.of(window(foldedSlicesFirst()), window(foldedSlicesFirst())));
        assertThat(fromFolded.history().serviceWorkloads()).containsEntry("Service/default/web", Set.of("Deployment/default/web"));
        assertThat(classifier.classify(golden(), fromFolded, WEB).outcome()).isEqualTo(Outcome.NO_EFFECT);
    }

    @Test
    void theGoldenRunsTeachWhichWorkloadsBackEachServiceAndThatNothingFlaps() {
        HistoryBaseline h = baseline.history();
        assertThat(h.serviceWorkloads()).containsEntry("Service/default/web", Set.of("Deployment/default/web"))
                .containsEntry("Service/default/db", Set.of("Deployment/default/db"));
        assertThat(h.endpointChanges()).containsEntry("Service/default/web", 0);
        assertThat(h.maxOrphans()).isZero();
        Verdict v = classifier.classify(golden(), baseline, WEB);
        assertThat(v.outcome()).as(v.symptoms().toString()).isEqualTo(Outcome.NO_EFFECT);
    }

    /** A Service for one replica of db (as a StatefulSet's per-pod Services are), beside the whole-workload ones. */
    private static List<HistoryEvent> listedWithOneReplicaService() {
        List<HistoryEvent> h = listed();
        h.add(event(-6, Change.LISTED, "Service", "db-0", "uid-svc-db-0", null, Map.of("selector", "app=db,pod=db-0")));
        h.add(slice(-5, Change.LISTED, "db-0", "db-77aa-0:1"));
        return h;
    }

    @Test
    void aServiceThatSelectsOneReplicaByDesignHasNotLostTheOthers() {
        Baseline partial = BaselineLearner.learn(List.of(window(listedWithOneReplicaService()), window(listedWithOneReplicaService())));
        assertThat(partial.history().partlyServed()).containsEntry("Service/default/db-0", Set.of("Deployment/default/db"))
                .doesNotContainKey("Service/default/db");

        Verdict calm = classifier.classify(window(listedWithOneReplicaService()), partial, WEB);
        assertThat(calm.outcome()).as(calm.symptoms().toString()).isEqualTo(Outcome.NO_EFFECT);

        // db itself serves all of its workload: losing a pod there is still found
        List<HistoryEvent> h = listedWithOneReplicaService();
        h.add(slice(3_000, Change.MODIFIED, "db", "db-77aa-0:1"));
        Verdict lost = classifier.classify(window(h), partial, WEB);
        assertThat(ofKind(lost, SymptomKind.ENDPOINTS_LOST_OWN_POD)).extracting(Symptom::subject).containsOnly("Service/default/db");
    }

    @Test
    void anEndpointThatWentAndCameBackBetweenTwoSamplesIsATransientFlapThatSaysHowLongItLasted() {
        List<HistoryEvent> h = listed();
        h.add(slice(4_230, Change.MODIFIED, "web", "web-5d8f-0:1,web-5d8f-1:1"));
        h.add(slice(4_260, Change.MODIFIED, "web", "web-5d8f-0:1,web-5d8f-1:1,web-5d8f-2:0"));
        h.add(slice(4_400, Change.MODIFIED, "web", WEB_ENDPOINTS));
        Verdict v = classifier.classify(window(h), baseline, WEB);

        assertThat(v.outcome()).as(v.symptoms().toString()).isEqualTo(Outcome.TRANSIENT);
        List<Symptom> flaps = ofKind(v, SymptomKind.ENDPOINT_FLAPS);
        assertThat(flaps).hasSize(1);
        assertThat(flaps.get(0).subject()).isEqualTo("Service/default/web");
        assertThat(flaps.get(0).value()).isEqualTo("web-5d8f-2 ready->absent at +4230ms->web-5d8f-2 absent->not ready at +4260ms"
                + "->web-5d8f-2 not ready->ready at +4400ms");
        assertThat(flaps.get(0).expected()).isEqualTo("<= 0 endpoint changes per window (3 here)");
        assertThat(v.firstSymptomMillis()).isEqualTo(4_230L);
        assertThat(v.recoveredMillis()).isEqualTo(5_000L);
        assertThat(v.rule()).endsWith("the effect lasted 770ms (first symptom at +4230ms, clean from +5000ms)");
    }

    @Test
    void aServiceThatRoutesToAnotherWorkloadsPodsToTheEndIsServiceNetworking() {
        List<HistoryEvent> h = listed();
        h.add(slice(3_000, Change.MODIFIED, "web", WEB_ENDPOINTS + ",db-77aa-0:1"));
        Verdict v = classifier.classify(window(h), baseline, WEB);

        assertThat(v.outcome()).as(v.symptoms().toString()).isEqualTo(Outcome.SERVICE_NETWORKING);
        Symptom foreign = ofKind(v, SymptomKind.ENDPOINTS_FOREIGN_WORKLOAD).get(0);
        assertThat(foreign.subject()).isEqualTo("Service/default/web");
        assertThat(foreign.value()).isEqualTo("db-77aa-0 of Deployment/default/db from +3000ms"
                + "->db-77aa-0 of Deployment/default/db at the end");
        assertThat(foreign.expected()).isEqualTo("endpoints of [Deployment/default/web]");
        assertThat(foreign.presentAtEnd()).isTrue();
    }

    @Test
    void aServiceThatLostItsOwnReadyPodsIsServiceNetworkingEvenThoughThePodsRunOn() {
        List<HistoryEvent> h = listed();
        h.add(slice(3_000, Change.MODIFIED, "web", "web-5d8f-0:1"));
        Verdict v = classifier.classify(window(h), baseline, WEB);

        assertThat(v.outcome()).as(v.symptoms().toString()).isEqualTo(Outcome.SERVICE_NETWORKING);
        assertThat(ofKind(v, SymptomKind.ENDPOINTS_LOST_OWN_POD)).extracting(Symptom::value).containsExactly(
                "web-5d8f-1 of Deployment/default/web from +3000ms->web-5d8f-2 of Deployment/default/web from +3000ms"
                        + "->web-5d8f-1 of Deployment/default/web at the end->web-5d8f-2 of Deployment/default/web at the end");
    }

    @Test
    void theEndpointControllersNormalLagBehindAReplacedPodIsNoRoutingSymptom() {
        List<HistoryEvent> h = listed();
        h.add(pod(3_000, Change.DELETED, "web-5d8f-2", WEB_RS));
        h.add(pod(3_010, Change.ADDED, "web-5d8f-9", WEB_RS));
        h.add(slice(3_100, Change.MODIFIED, "web", "web-5d8f-0:1,web-5d8f-1:1,web-5d8f-9:1"));
        var findings = new ServiceRoutingRule().check(new RuleInput(window(h), baseline, WEB.target()));
        assertThat(findings).isEmpty();
    }

    @Test
    void withABaselineRecordedBeforeTheRoutingRuleTheFirstListingIsTheReference() {
        List<HistoryEvent> h = listed();
        h.add(slice(3_000, Change.MODIFIED, "web", WEB_ENDPOINTS + ",db-77aa-0:1"));
        Verdict v = classifier.classify(window(h), olderBaseline, WEB);
        assertThat(v.outcome()).isEqualTo(Outcome.SERVICE_NETWORKING);
        assertThat(ofKind(v, SymptomKind.ENDPOINTS_FOREIGN_WORKLOAD).get(0).expected())
                .isEqualTo("endpoints of [Deployment/default/web] (as first listed: the baseline predates them)");
        assertThat(ofKind(v, SymptomKind.ENDPOINT_FLAPS).get(0).expected())
                .isEqualTo("<= 0 endpoint changes per window (assumed: the baseline predates endpoint histories) (1 here)");
    }

    @Test
    void podsLeftBehindByADeletedReplicaSetAreOrphansToTheEnd() {
        List<HistoryEvent> h = listed();
        h.add(event(3_000, Change.DELETED, "ReplicaSet", "web-5d8f", "uid-rs-web", WEB_DEPLOY, Map.of()));
        Verdict v = classifier.classify(window(h), baseline, WEB);

        assertThat(v.outcome()).as(v.symptoms().toString()).isEqualTo(Outcome.OVER_PROVISIONING);
        List<Symptom> orphans = ofKind(v, SymptomKind.ORPHANED_OBJECT);
        assertThat(orphans).extracting(Symptom::subject)
                .containsExactly("Pod/default/web-5d8f-0", "Pod/default/web-5d8f-1", "Pod/default/web-5d8f-2");
        assertThat(orphans.get(0).value()).isEqualTo("owner ReplicaSet/web-5d8f (uid uid-rs-web) absent from +3000ms"
                + "->owner ReplicaSet/web-5d8f (uid uid-rs-web) absent at the end");
        assertThat(orphans).allMatch(Symptom::presentAtEnd);
    }

    @Test
    void anEndpointSliceLeftBehindByADeletedServiceIsRoutingStateNotProvisioning() {
        List<HistoryEvent> h = listed();
        h.add(event(3_000, Change.DELETED, "Service", "db", "uid-svc-db", null, Map.of("selector", "app=db")));
        Verdict v = classifier.classify(window(h), baseline, WEB);

        assertThat(ofKind(v, SymptomKind.ORPHANED_OBJECT)).extracting(Symptom::subject, Symptom::indicates)
                .containsOnly(tuple("EndpointSlice/default/db-abc", Outcome.SERVICE_NETWORKING));
        assertThat(v.outcome()).as(v.symptoms().toString()).isEqualTo(Outcome.SERVICE_NETWORKING);
    }

    @Test
    void podsOfAReplicaSetWhoseOwnerNameDanglesAreOrphanedNotAnotherWorkloadsEndpoints() {
        List<HistoryEvent> h = listed();
        h.add(event(3_000, Change.MODIFIED, "ReplicaSet", "web-5d8f", "uid-rs-web",
                new Owner("Deployment", "web-gone", "uid-dep-web"), Map.of("replicas", "3")));
        Verdict v = classifier.classify(window(h), baseline, WEB);

        assertThat(v.outcome()).as(v.symptoms().toString()).isEqualTo(Outcome.OVER_PROVISIONING);
        assertThat(ofKind(v, SymptomKind.ORPHANED_OBJECT)).extracting(Symptom::subject).containsExactly("ReplicaSet/default/web-5d8f");
        assertThat(ofKind(v, SymptomKind.ENDPOINTS_FOREIGN_WORKLOAD)).isEmpty();
    }

    @Test
    void orphansTheGarbageCollectorRemovesAtOnceAreNoSymptomThoseItRemovesLateAreTransient() {
        List<HistoryEvent> quick = listed();
        quick.add(event(3_000, Change.DELETED, "ReplicaSet", "web-5d8f", "uid-rs-web", WEB_DEPLOY, Map.of()));
        for (int i = 0; i < 3; i++) {
            quick.add(pod(3_200 + i, Change.DELETED, "web-5d8f-" + i, WEB_RS));
        }
        assertThat(HistoryFacts.orphans(quick, 9_000)).hasSize(3);
        assertThat(HistoryFacts.lastingOrphans(quick, 9_000)).isEmpty();

        List<HistoryEvent> late = listed();
        late.add(pod(2_000, Change.MODIFIED, "web-5d8f-1", new Owner("ReplicaSet", "web-5d8f", "uid-rs-flipped")));
        late.add(pod(5_500, Change.DELETED, "web-5d8f-1", new Owner("ReplicaSet", "web-5d8f", "uid-rs-flipped")));
        Verdict v = classifier.classify(window(late), baseline, WEB);
        Symptom orphan = ofKind(v, SymptomKind.ORPHANED_OBJECT).get(0);
        assertThat(orphan.value()).isEqualTo("owner ReplicaSet/web-5d8f (uid uid-rs-flipped) absent from +2000ms to +5500ms");
        assertThat(orphan.presentAtEnd()).isFalse();
    }

    @Test
    void aBaselineWrittenBeforeTheseFieldsReadsBackWithThemUnset() throws Exception {
        var mapper = ObservationJson.mapper();
        String json = mapper.writeValueAsString(olderBaseline)
                .replace(",\"endpointChanges\":null", "").replace(",\"serviceWorkloads\":null", "")
                .replace(",\"maxOrphans\":null", "");
        assertThat(json).doesNotContain("endpointChanges");
        HistoryBaseline back = mapper.readValue(json, Baseline.class).history();
        assertThat(back.endpointChanges()).isNull();
        assertThat(back.serviceWorkloads()).isNull();
        assertThat(back.maxOrphans()).isNull();
        assertThat(mapper.readValue(mapper.writeValueAsString(baseline), Baseline.class)).isEqualTo(baseline);
    }
}
