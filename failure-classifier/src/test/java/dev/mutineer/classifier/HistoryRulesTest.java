package dev.mutineer.classifier;

import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.baseline.BaselineLearner;
import dev.mutineer.classifier.observation.HistoryEvent;
import dev.mutineer.classifier.observation.HistoryEvent.Change;
import dev.mutineer.classifier.observation.HistoryEvent.Owner;
import dev.mutineer.classifier.observation.HistoryFacts;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.observation.ObservationJson;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The history rules (pod churn, ownership change) on constructed histories over the samples of {@link World}: the
 * samples alone show a steady cluster, so every symptom here is one only the history can give.
 */
class HistoryRulesTest {

    private static final int N = 10;
    private static final Owner WEB_RS = new Owner("ReplicaSet", "web-5d8f", "uid-rs-web");
    private static final Owner DB_RS = new Owner("ReplicaSet", "db-77aa", "uid-rs-db");
    private static final InjectionFacts WEB = new InjectionFacts(new InjectedObject("Deployment", "default", "web"), true, false);

    private final Classifier classifier = new Classifier();

    private static HistoryEvent pod(long t, Change type, String name, String uid, Owner owner) {
        return new HistoryEvent(t, type, "Pod", "default", name, uid, Long.toString(100 + t), owner,
                Map.of("phase", "Running", "ready", "true", "app", name.substring(0, name.indexOf('-'))));
    }

    /** What the watches list at the start of a steady window: three web pods, two db pods. */
    private static List<HistoryEvent> listed() {
        List<HistoryEvent> h = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            h.add(pod(-5, Change.LISTED, "web-5d8f-" + i, "uid-web-" + i, WEB_RS));
        }
        for (int i = 0; i < 2; i++) {
            h.add(pod(-5, Change.LISTED, "db-77aa-" + i, "uid-db-" + i, DB_RS));
        }
        return h;
    }

    /** A golden window: the pods listed, one status update of each, nothing created or deleted. */
    private static Observation golden() {
        List<HistoryEvent> h = listed();
        h.add(pod(2_300, Change.MODIFIED, "web-5d8f-1", "uid-web-1", WEB_RS));
        return World.steady(new World(), N).withHistory(h);
    }

    private final Baseline baseline = BaselineLearner.learn(List.of(golden(), golden()));

    @Test
    void goldenAgainstGoldenWithHistoryIsNoEffect() {
        Verdict v = classifier.classify(golden(), baseline, WEB);
        assertThat(v.outcome()).as(v.symptoms().toString()).isEqualTo(Outcome.NO_EFFECT);
    }

    @Test
    void aPodDeletedAndRecreatedBetweenTwoSamplesIsTransientChurnWithItsEvents() {
        List<HistoryEvent> h = listed();
        h.add(pod(4_210, Change.MODIFIED, "web-5d8f-2", "uid-web-2", WEB_RS));
        h.add(pod(4_230, Change.DELETED, "web-5d8f-2", "uid-web-2", WEB_RS));
        h.add(pod(4_260, Change.ADDED, "web-5d8f-9", "uid-web-9", WEB_RS));
        Verdict v = classifier.classify(World.steady(new World(), N).withHistory(h), baseline, WEB);

        assertThat(v.outcome()).as(v.symptoms().toString()).isEqualTo(Outcome.TRANSIENT);
        assertThat(v.symptoms()).filteredOn(s -> s.kind() == SymptomKind.POD_CHURN)
                .extracting(Symptom::subject, Symptom::signal, Symptom::value, Symptom::firstSeenMillis, Symptom::presentAtEnd)
                .containsExactlyInAnyOrder(
                        tuple("ReplicaSet/default/web-5d8f", "pods deleted", "web-5d8f-2 at +4230ms", 4_230L, false),
                        tuple("ReplicaSet/default/web-5d8f", "pods created", "web-5d8f-9 at +4260ms", 4_260L, false));
        assertThat(v.firstSymptomMillis()).isEqualTo(4_230L);
        assertThat(v.recoveredMillis()).as("the first sample after the churn").isEqualTo(5_000L);
    }

    @Test
    void churnWithinWhatTheGoldenRunsDidIsNoSymptom() {
        List<HistoryEvent> churny = listed();
        churny.add(pod(3_000, Change.DELETED, "web-5d8f-2", "uid-web-2", WEB_RS));
        churny.add(pod(3_010, Change.ADDED, "web-5d8f-7", "uid-web-7", WEB_RS));
        Baseline tolerant = BaselineLearner.learn(List.of(golden(), World.steady(new World(), N).withHistory(churny)));
        assertThat(tolerant.history().churn("ReplicaSet/default/web-5d8f").created()).isEqualTo(1);

        Verdict v = classifier.classify(World.steady(new World(), N).withHistory(churny), tolerant, WEB);
        assertThat(v.outcome()).as(v.symptoms().toString()).isEqualTo(Outcome.NO_EFFECT);
    }

    @Test
    void aPodAdoptedByAnotherReplicaSetThatStaysThereIsOverProvisioning() {
        List<HistoryEvent> h = listed();
        h.add(pod(3_400, Change.MODIFIED, "web-5d8f-0", "uid-web-0", null));
        h.add(pod(3_450, Change.MODIFIED, "web-5d8f-0", "uid-web-0", DB_RS));
        Verdict v = classifier.classify(World.steady(new World(), N).withHistory(h), baseline, WEB);

        assertThat(v.outcome()).as(v.symptoms().toString()).isEqualTo(Outcome.OVER_PROVISIONING);
        Symptom owner = v.symptoms().stream().filter(s -> s.kind() == SymptomKind.OWNER_CHANGED).findFirst().orElseThrow();
        assertThat(owner.subject()).isEqualTo("Pod/default/web-5d8f-0");
        assertThat(owner.value()).isEqualTo("ReplicaSet/web-5d8f -> none at +3400ms->none -> ReplicaSet/db-77aa at +3450ms"
                + "->ReplicaSet/web-5d8f -> ReplicaSet/db-77aa at the end");
        assertThat(owner.presentAtEnd()).isTrue();
    }

    @Test
    void anOwnerChangeRevertedBeforeTheEndIsTransient() {
        List<HistoryEvent> h = listed();
        h.add(pod(3_400, Change.MODIFIED, "web-5d8f-0", "uid-web-0", DB_RS));
        h.add(pod(3_900, Change.MODIFIED, "web-5d8f-0", "uid-web-0", WEB_RS));
        Verdict v = classifier.classify(World.steady(new World(), N).withHistory(h), baseline, WEB);
        assertThat(v.outcome()).as(v.symptoms().toString()).isEqualTo(Outcome.TRANSIENT);
        assertThat(HistoryFacts.changedAtEnd(h, 9_000)).isEmpty();
    }

    @Test
    void aRecreatedPodUnderTheSameNameIsNewByItsUidNotAnOwnerChange() {
        List<HistoryEvent> h = listed();
        h.add(pod(3_000, Change.DELETED, "web-5d8f-0", "uid-web-0", WEB_RS));
        h.add(pod(3_020, Change.ADDED, "web-5d8f-0", "uid-web-0b", DB_RS));
        assertThat(HistoryFacts.ownerChanges(h, 9_000)).isEmpty();
        assertThat(HistoryFacts.podChurn(h, 9_000)).containsOnlyKeys("ReplicaSet/default/web-5d8f", "ReplicaSet/default/db-77aa");
    }

    @Test
    void withoutHistoriesTheRulesStaySilentAndOldRecordsReadBack() throws Exception {
        Baseline old = BaselineLearner.learn(List.of(World.steady(new World(), N), World.steady(new World(), N)));
        assertThat(old.history()).isNull();
        List<HistoryEvent> h = listed();
        h.add(pod(4_230, Change.DELETED, "web-5d8f-2", "uid-web-2", WEB_RS));
        Verdict v = classifier.classify(World.steady(new World(), N).withHistory(h), old, WEB);
        assertThat(v.outcome()).isEqualTo(Outcome.NO_EFFECT);

        var mapper = ObservationJson.mapper();
        Observation withHistory = World.steady(new World(), 2).withHistory(h);
        Observation back = mapper.readValue(mapper.writeValueAsString(withHistory), Observation.class);
        assertThat(back.history()).isEqualTo(withHistory.history());
        String before = mapper.writeValueAsString(World.steady(new World(), 2)).replace(",\"history\":[]", "");
        assertThat(before).doesNotContain("history");
        assertThat(mapper.readValue(before, Observation.class).history()).isEmpty();
        Baseline oldBack = mapper.readValue(mapper.writeValueAsString(old).replace(",\"history\":null", ""), Baseline.class);
        assertThat(oldBack.history()).isNull();
    }
}
