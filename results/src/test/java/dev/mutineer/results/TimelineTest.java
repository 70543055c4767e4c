package dev.mutineer.results;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.Symptom;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.baseline.ClientBaseline;
import dev.mutineer.classifier.baseline.Range;
import dev.mutineer.classifier.baseline.ServiceBaseline;
import dev.mutineer.classifier.baseline.WorkloadBaseline;
import dev.mutineer.classifier.observation.ApiError;
import dev.mutineer.classifier.observation.ApiHealth;
import dev.mutineer.classifier.observation.HistoryEvent;
import dev.mutineer.classifier.observation.HistoryEvent.Change;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.observation.Sample;
import dev.mutineer.classifier.observation.ServiceStatus;
import dev.mutineer.classifier.observation.WorkloadStatus;
import dev.mutineer.cluster.traffic.ClientError;
import dev.mutineer.cluster.traffic.ClientSecond;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The derivation observation -> timeline, over constructed records. */
class TimelineTest {

    static final Instant START = Instant.parse("2026-12-01T12:00:00Z");

    /** A Deployment of 3 (with its ReplicaSet) and a Service of 3 endpoints; one pod lost between 2 s and 4 s. */
    static Sample sample(long t, int ready, int endpoints, List<ApiError> errors) {
        List<WorkloadStatus> workloads = List.of(
                new WorkloadStatus("Deployment", "shop", "web", null, 3, 3, ready, ready, ready, 1, 1),
                new WorkloadStatus("ReplicaSet", "shop", "web-5d8f", "Deployment/shop/web", 3, 3, ready, ready, ready, 1, 1),
                new WorkloadStatus("StatefulSet", "shop", "db", null, 1, 1, 1, 1, 1, 1, 1));
        List<ServiceStatus> services = List.of(
                new ServiceStatus("shop", "web", Map.of("app", "web"), endpoints, ready, List.of(), List.of()),
                new ServiceStatus("default", "kubernetes", null, 1, 0, List.of(), List.of()));
        return new Sample(t, new ApiHealth(200, 200), Map.of(), workloads, List.of(), services, List.of(), errors);
    }

    static Baseline baseline(ClientBaseline client) {
        return new Baseline(3,
                Map.of("Deployment/shop/web", new WorkloadBaseline(null, Range.of(3), Range.of(3), Range.of(3), Range.of(3), new Range(3, 4)),
                        "ReplicaSet/shop/web-5d8f", new WorkloadBaseline("Deployment/shop/web", Range.of(3), Range.of(3), Range.of(3), Range.of(3), Range.of(3)),
                        "StatefulSet/shop/db", new WorkloadBaseline(null, Range.of(1), Range.of(1), Range.of(1), Range.of(1), Range.of(1))),
                Map.of("Service/shop/web", new ServiceBaseline(true, new Range(2, 3), 1),
                        "Service/default/kubernetes", new ServiceBaseline(false, Range.of(1), 0)),
                Map.of(), Map.of(), Set.of(), Set.of(), 0, Set.of(), Set.of(), client, null);
    }

    static HistoryEvent event(long t, Change type, String kind, String name) {
        return new HistoryEvent(t, type, kind, "shop", name, "uid-" + name, "100", null, Map.of());
    }

    static JournalRecord record(Observation o, List<Symptom> symptoms, Long first) {
        return JournalRecord.builder("tl1").outcome(first == null ? Outcome.NO_EFFECT : Outcome.TRANSIENT)
                .symptoms(symptoms).times(first, null).observation(o).build();
    }

    static Observation observation(List<ClientSecond> client, List<HistoryEvent> history) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i <= 6; i++) {
            int ready = i >= 2 && i < 4 ? 2 : 3;
            List<ApiError> errors = i == 5 ? List.of(new ApiError("endpointslices", 500, "etcdserver: timeout")) : List.of();
            samples.add(sample(i * 1000L, ready, i == 5 ? 0 : ready, errors));
        }
        return new Observation(START, 1000, 6000, samples, List.of(), null, List.of(), client, history);
    }

    @Test
    void seriesSumTheRootWorkloadsAndTheServicesWithSelectorsAgainstTheSummedGoldenRanges() {
        Timeline t = Timeline.of(record(observation(List.of(), List.of()), List.of(), null), baseline(null)).orElseThrow();

        assertThat(t.series()).extracting(Timeline.Series::name)
                .containsExactly(Timeline.PODS, Timeline.READY, Timeline.ENDPOINTS);
        Timeline.Series ready = t.series().get(1);
        // The Deployment's 3 (not again its ReplicaSet's) plus the StatefulSet's 1; the dip to 2 at 2 s and 3 s.
        assertThat(ready.points()).extracting(Timeline.Point::value).containsExactly(4.0, 4.0, 3.0, 3.0, 4.0, 4.0, 4.0);
        assertThat(ready.band()).isEqualTo(new Timeline.Band(4, 4));
        assertThat(ready.leavesBand()).isTrue();
        assertThat(t.series().get(0).band()).isEqualTo(new Timeline.Band(4, 5));
        // Only the Service with a selector counts; the golden band is its range.
        Timeline.Series endpoints = t.series().get(2);
        assertThat(endpoints.band()).isEqualTo(new Timeline.Band(2, 3));
        assertThat(endpoints.points()).extracting(Timeline.Point::value).containsExactly(3.0, 3.0, 2.0, 2.0, 3.0, 3.0);
    }

    @Test
    void aSampleWhoseListFailedIsAGapNotAZero() {
        Timeline t = Timeline.of(record(observation(List.of(), List.of()), List.of(), null), baseline(null)).orElseThrow();

        Timeline.Series endpoints = t.series().get(2);
        assertThat(endpoints.points()).extracting(Timeline.Point::t).doesNotContain(5000L);
        assertThat(endpoints.gaps()).containsExactly(5000L);
        // The workloads were readable in that sample: their lines go on.
        assertThat(t.series().get(1).gaps()).isEmpty();
        assertThat(t.series().get(1).points()).hasSize(7);
    }

    @Test
    void clientSuccessIsPerSecondAtTheSecondsStartAgainstTheWorstGoldenSecond() {
        List<ClientSecond> client = List.of(
                new ClientSecond(START.getEpochSecond(), 20, 20, Map.of(), 2000, 5000),
                new ClientSecond(START.getEpochSecond() + 1, 20, 5, Map.of(ClientError.REFUSED, 15), 2000, 5000),
                new ClientSecond(START.getEpochSecond() + 2, 20, 20, Map.of(), 2000, 5000));
        ClientBaseline band = new ClientBaseline(30, 600, 0.95, 0.99, 2000, 5000, Map.of());

        Timeline t = Timeline.of(record(observation(client, List.of()), List.of(), null), baseline(band)).orElseThrow();

        Timeline.Series success = t.series().get(3);
        assertThat(success.name()).isEqualTo(Timeline.CLIENT);
        assertThat(success.share()).isTrue();
        assertThat(success.points()).containsExactly(new Timeline.Point(0, 1.0), new Timeline.Point(1000, 0.25),
                new Timeline.Point(2000, 1.0));
        assertThat(success.band()).isEqualTo(new Timeline.Band(0.95, 1.0));
    }

    @Test
    void withoutTrafficThereIsNoClientSeriesAndWithoutABaselineNoBand() {
        Timeline t = Timeline.of(record(observation(List.of(), List.of()), List.of(), null), null).orElseThrow();

        assertThat(t.series()).hasSize(3).allSatisfy(s -> assertThat(s.band()).isNull());
        assertThat(t.series()).noneMatch(Timeline.Series::leavesBand);
    }

    @Test
    void symptomsAndTheFirstSymptomAreMarkedAndTheWindowCoversThem() {
        Symptom dip = new Symptom(SymptomKind.READY_BELOW_GOLDEN, Outcome.UNDER_PROVISIONING, "Deployment/shop/web",
                "readyReplicas", "3->2->3", "3", 2000, 3000, false);
        Symptom late = new Symptom(SymptomKind.WARNING_EVENT, null, "shop/Pod/web-1", "BackOff", "x1", "none", 6500, 7200, true);

        Timeline t = Timeline.of(record(observation(List.of(), List.of()), List.of(dip, late), 2000L), baseline(null)).orElseThrow();

        assertThat(t.firstSymptomMillis()).isEqualTo(2000L);
        assertThat(t.symptoms()).containsExactly(
                new Timeline.SymptomSpan(2000, 3000, Outcome.UNDER_PROVISIONING, dip.describe()),
                new Timeline.SymptomSpan(6500, 7200, null, late.describe()));
        assertThat(t.windowMillis()).isEqualTo(7200);
    }

    @Test
    void historyChangesAreBinnedPerSecondAndTypeAndWhatTheListShowedIsNoChange() {
        List<HistoryEvent> history = List.of(
                event(-2500, Change.LISTED, "Pod", "web-1"),
                event(-400, Change.MODIFIED, "ReplicaSet", "web-5d8f"),
                event(2100, Change.DELETED, "Pod", "web-1"),
                event(2150, Change.ADDED, "Pod", "web-2"),
                event(2300, Change.MODIFIED, "EndpointSlice", "web-abc"),
                event(2400, Change.MODIFIED, "Pod", "web-2"),
                event(2900, Change.MODIFIED, "Pod", "web-2"),
                event(4000, Change.MODIFIED, "ReplicaSet", "web-5d8f"));

        List<TimelineChanges> changes = TimelineChanges.of(history);

        assertThat(changes).extracting(TimelineChanges::second, TimelineChanges::type, TimelineChanges::count)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(-1L, Change.MODIFIED, 1),
                        org.assertj.core.groups.Tuple.tuple(2L, Change.ADDED, 1),
                        org.assertj.core.groups.Tuple.tuple(2L, Change.MODIFIED, 3),
                        org.assertj.core.groups.Tuple.tuple(2L, Change.DELETED, 1),
                        org.assertj.core.groups.Tuple.tuple(4L, Change.MODIFIED, 1));
        TimelineChanges modified = changes.get(2);
        assertThat(modified.kinds()).isEqualTo("2 Pod, 1 EndpointSlice");
        assertThat(modified.names()).containsExactly("EndpointSlice/shop/web-abc", "Pod/shop/web-2");
    }

    @Test
    void theTimelineStartsAtTheInjectionWhenTheWatchesStartedBeforeTheFirstSample() {
        Observation o = observation(List.of(), List.of(event(-2500, Change.LISTED, "Pod", "web-1"),
                event(-300, Change.MODIFIED, "Pod", "web-1")));
        assertThat(Timeline.of(record(o, List.of(), null), null).orElseThrow().startMillis()).isEqualTo(-2500);
        Timeline withoutHistory = Timeline.of(record(observation(List.of(), List.of()), List.of(), null), null).orElseThrow();
        assertThat(withoutHistory.startMillis()).isZero();
        assertThat(withoutHistory.historyRecorded()).isFalse();
    }

    @Test
    void aRecordWithoutItsObservationHasNoTimeline() {
        JournalRecord r = JournalRecord.builder("x").outcome(Outcome.NOT_ACTIVATED).build();
        assertThat(Timeline.of(r, baseline(null))).isEmpty();
    }
}
