package dev.mutineer.classifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.baseline.BaselineLearner;
import dev.mutineer.classifier.client.ClientImpact;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.observation.ObservationJson;
import dev.mutineer.cluster.traffic.ClientError;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The classifier on observations with client traffic: client errors as symptoms, and where they rank. */
class ClientClassifierTest {

    private static final InjectionFacts WEB = new InjectionFacts(new InjectedObject("Deployment", "default", "web"), true, false);
    private static final InjectionFacts WEB_SERVICE = new InjectionFacts(new InjectedObject("Service", "default", "web"), true, true);
    private static final int N = 12;

    private final Classifier classifier = new Classifier();
    private final Baseline baseline = BaselineLearner.learn(List.of(Clients.healthy(World.steady(new World(), N)),
            Clients.healthy(World.steady(new World(), N))));

    private static List<Symptom> decisive(Verdict v) {
        return v.symptoms().stream().filter(Symptom::decisive).toList();
    }

    @Test
    void theGoldenBandIsLearnedFromTheGoldenRunsTraffic() {
        assertThat(baseline.client()).isNotNull();
        assertThat(baseline.client().seconds()).isEqualTo(22);
        assertThat(baseline.client().minSecondAvailability()).isEqualTo(1.0);
        assertThat(BaselineLearner.learn(List.of(World.steady(new World(), N))).client()).as("kwok-only golden runs").isNull();
    }

    @Test
    void goldenNoiseWithinTheBandIsNoEffect() {
        Baseline noisy = BaselineLearner.learn(List.of(
                Clients.badBetween(World.steady(new World(), N), 2, 3, k -> Clients.failing(k, ClientError.TIMEOUT, 1)),
                Clients.healthy(World.steady(new World(), N))));
        Verdict v = classifier.classify(Clients.badBetween(World.steady(new World(), N), 9, 10,
                k -> Clients.failing(k, ClientError.TIMEOUT, 1)), noisy, WEB);
        assertThat(v.outcome()).isEqualTo(Outcome.NO_EFFECT);
        assertThat(v.symptoms()).isEmpty();
        assertThat(v.client().impact()).isEqualTo(ClientImpact.NONE);
    }

    @Test
    void aCorruptedSelectorWhoseClientsFailIsServiceNetworkingWithTheClientErrorsAsEvidence() {
        Observation o = Clients.badBetween(World.changedAt(3, N, w -> { w.webEndpoints = 0; return w; }), 3, N,
                k -> k < 5 ? Clients.failing(k, ClientError.HTTP_5XX, 20) : Clients.failing(k, ClientError.REFUSED, 20));
        Verdict v = classifier.classify(o, baseline, WEB_SERVICE);
        assertThat(v.outcome()).isEqualTo(Outcome.SERVICE_NETWORKING);
        assertThat(decisive(v)).extracting(Symptom::kind)
                .contains(SymptomKind.ENDPOINTS_BELOW_GOLDEN, SymptomKind.CLIENT_ERRORS);
        Symptom refused = v.symptoms().stream().filter(s -> s.kind() == SymptomKind.CLIENT_ERRORS && s.signal().equals("REFUSED"))
                .findFirst().orElseThrow();
        assertThat(refused.value()).isEqualTo("20 of 20");
        assertThat(refused.expected()).as("golden seconds: all succeeded, 0 of 440 golden requests failed")
                .isEqualTo("availability >= 100.0%, failure rate <= 1.04%");
        assertThat(refused.firstSeenMillis()).isEqualTo(5_000L);
        assertThat(refused.presentAtEnd()).isTrue();
        Symptom http = v.symptoms().stream().filter(s -> s.signal().equals("HTTP_5XX")).findFirst().orElseThrow();
        assertThat(http.firstSeenMillis()).isEqualTo(3_000L);
        assertThat(http.lastSeenMillis()).isEqualTo(4_000L);
        assertThat(http.presentAtEnd()).isFalse();
        assertThat(http.describe()).isEqualTo("CLIENT_ERRORS client HTTP_5XX=20 of 20 (golden availability >= 100.0%, failure rate <= 1.04%) at +3000ms, gone by +4000ms");

        assertThat(v.client().impact()).isEqualTo(ClientImpact.OUTAGE);
        assertThat(v.client().firstErrorMillis()).isEqualTo(3_000L);
        assertThat(v.client().errors()).isEqualTo(Map.of(ClientError.HTTP_5XX, 40L, ClientError.REFUSED, 120L));
    }

    @Test
    void answersFromTheWrongWorkloadAreServiceNetworkingEvenWithEndpointsMatchingTheSelector() {
        Observation o = Clients.badBetween(World.steady(new World(), N), 4, N, k -> Clients.failing(k, ClientError.WRONG_WORKLOAD, 7));
        Verdict v = classifier.classify(o, baseline, new InjectionFacts(new InjectedObject("Pod", "default", "db-77aa-0"), true, true));
        assertThat(v.outcome()).isEqualTo(Outcome.SERVICE_NETWORKING);
        assertThat(decisive(v)).extracting(Symptom::kind).containsOnly(SymptomKind.CLIENT_WRONG_WORKLOAD);
        assertThat(decisive(v).get(0).value()).isEqualTo("7 of 20");
        assertThat(decisive(v).get(0).expected()).isEqualTo("none");
        assertThat(v.symptoms()).noneMatch(s -> s.kind() == SymptomKind.ENDPOINTS_MISMATCH);
        assertThat(v.client().impact()).isEqualTo(ClientImpact.DEGRADED);
    }

    @Test
    void aPodRelabelledIntoAnotherServiceIsServiceNetworkingThoughItsControllerReleasedAndReplacedIt() {
        // The relabelled pod no longer matches its own controller's selector: released (an orphan) and replaced.
        InjectionFacts pod = new InjectionFacts(new InjectedObject("Pod", "default", "db-77aa-0"), true, true);
        Observation o = Clients.badBetween(World.changedAt(3, N, w -> { w.orphans = 1; return w; }), 4, N,
                k -> Clients.failing(k, ClientError.WRONG_WORKLOAD, 7));
        Verdict v = classifier.classify(o, baseline, pod);
        assertThat(v.outcome()).as(v.rule()).isEqualTo(Outcome.SERVICE_NETWORKING);
        assertThat(decisive(v)).extracting(Symptom::kind).contains(SymptomKind.CLIENT_WRONG_WORKLOAD, SymptomKind.ORPHAN_PODS);

        // Once no answer comes from the wrong workload any more, the pod left running is what remains.
        Observation stopped = Clients.badBetween(World.changedAt(3, N, w -> { w.orphans = 1; return w; }), 4, 7,
                k -> Clients.failing(k, ClientError.WRONG_WORKLOAD, 7));
        assertThat(classifier.classify(stopped, baseline, pod).outcome()).isEqualTo(Outcome.OVER_PROVISIONING);
    }

    @Test
    void aClientOutageThatRecoveredIsTransientWithItsRecoveryTime() {
        Observation o = Clients.badBetween(World.steady(new World(), N), 3, 6, k -> Clients.failing(k, ClientError.TIMEOUT, 20));
        Verdict v = classifier.classify(o, baseline, WEB);
        assertThat(v.outcome()).isEqualTo(Outcome.TRANSIENT);
        assertThat(v.firstSymptomMillis()).isEqualTo(3_000L);
        // Second 5 is answered by sample 6; sample 7 is the first clean one after it.
        assertThat(v.recoveredMillis()).isEqualTo(7_000L);
        assertThat(v.client().recoveredMillis()).isEqualTo(6_000L);
        assertThat(v.client().timeToRecoverMillis()).isEqualTo(3_000L);
        assertThat(v.client().impact()).isEqualTo(ClientImpact.OUTAGE);
    }

    @Test
    void clientErrorsAtTheEndWithNothingElseAreServiceNetworking() {
        Observation o = Clients.badBetween(World.steady(new World(), N), 9, N, k -> Clients.failing(k, ClientError.REFUSED, 20));
        Verdict v = classifier.classify(o, baseline, WEB);
        assertThat(v.outcome()).isEqualTo(Outcome.SERVICE_NETWORKING);
        assertThat(v.symptoms()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(SymptomKind.CLIENT_ERRORS);
            assertThat(s.presentAtEnd()).isTrue();
        });
        assertThat(v.client().outOfBandAtEnd()).isTrue();
    }

    @Test
    void lostPodsStayTheCauseWhenClientsFailToo() {
        Observation o = Clients.badBetween(World.changedAt(3, N, w -> { w.webReady = 0; w.webAvailable = 0; w.webEndpoints = 0; return w; }),
                3, N, k -> Clients.failing(k, ClientError.REFUSED, 20));
        Verdict v = classifier.classify(o, baseline, WEB);
        assertThat(v.outcome()).isEqualTo(Outcome.UNDER_PROVISIONING);
        assertThat(v.symptoms()).extracting(Symptom::kind).contains(SymptomKind.CLIENT_ERRORS);
    }

    @Test
    void slowClientsAloneAreInformational() {
        Observation o = Clients.with(World.steady(new World(), N), k -> k >= 6 ? Clients.slow(k, 300_000) : Clients.ok(k));
        Verdict v = classifier.classify(o, baseline, WEB);
        assertThat(v.outcome()).isEqualTo(Outcome.NO_EFFECT);
        assertThat(v.symptoms()).extracting(Symptom::kind).containsOnly(SymptomKind.CLIENT_LATENCY);
        assertThat(v.symptoms().get(0).value()).isEqualTo("300.0 ms");
        assertThat(v.symptoms().get(0).expected()).isEqualTo("<= 25.0 ms (golden max 5.0 ms)");
        assertThat(v.client().impact()).isEqualTo(ClientImpact.DEGRADED);
    }

    @Test
    void aRecordedCorruptedSelectorWithFailingClientsIsServiceNetworking() throws URISyntaxException {
        Observation golden1 = Clients.healthy(recorded("golden-1"));
        Observation golden2 = Clients.healthy(recorded("golden-2"));
        Baseline recordedBaseline = BaselineLearner.learn(List.of(golden1, golden2));
        Observation selector = recorded("selector-corrupted");
        long lost = selector.samples().stream().filter(s -> s.services().stream()
                .anyMatch(svc -> svc.name().equals("web") && svc.readyEndpoints() == 0)).findFirst().orElseThrow().t();
        int from = (int) (lost / 1000) + 1;
        Observation o = Clients.with(selector, k -> k >= from ? Clients.failing(k, ClientError.REFUSED, 20) : Clients.ok(k));
        Verdict v = classifier.classify(o, recordedBaseline, WEB_SERVICE);
        assertThat(v.outcome()).isEqualTo(Outcome.SERVICE_NETWORKING);
        assertThat(v.symptoms()).extracting(Symptom::kind).containsExactly(SymptomKind.ENDPOINTS_BELOW_GOLDEN, SymptomKind.CLIENT_ERRORS);
        assertThat(v.client().impact()).isEqualTo(ClientImpact.OUTAGE);
    }

    @Test
    void withoutTrafficTheVerdictHasNoClientViewAndItsJsonNoClientField() throws Exception {
        Baseline kwokOnly = BaselineLearner.learn(List.of(World.steady(new World(), N)));
        Verdict v = classifier.classify(World.changedAt(3, N, w -> { w.webReady = 0; return w; }), kwokOnly, WEB);
        assertThat(v.client()).isNull();
        ObjectMapper json = ObservationJson.mapper();
        assertThat(json.writeValueAsString(v)).doesNotContain("client");
        assertThat(json.writeValueAsString(kwokOnly)).contains("\"client\":null");
    }

    @Test
    void clientViewObservationAndBandSurviveJson() throws Exception {
        ObjectMapper json = ObservationJson.mapper();
        Observation o = Clients.badBetween(World.steady(new World(), N), 3, 6, k -> Clients.failing(k, ClientError.TIMEOUT, 20));
        Verdict v = classifier.classify(o, baseline, WEB);
        assertThat(json.readValue(json.writeValueAsString(o), Observation.class)).isEqualTo(o);
        assertThat(json.readValue(json.writeValueAsString(v), Verdict.class)).isEqualTo(v);
        assertThat(json.readValue(json.writeValueAsString(baseline), Baseline.class)).isEqualTo(baseline);
        // Written before client traffic existed: no such fields at all.
        String oldObservation = json.writeValueAsString(World.steady(new World(), 3)).replace(",\"client\":[]", "");
        assertThat(oldObservation).doesNotContain("client");
        assertThat(json.readValue(oldObservation, Observation.class).client()).isEmpty();
        String oldBaseline = json.writeValueAsString(BaselineLearner.learn(List.of(World.steady(new World(), 3)))).replace(",\"client\":null", "");
        assertThat(oldBaseline).doesNotContain("client");
        assertThat(json.readValue(oldBaseline, Baseline.class).client()).isNull();
    }

    private static Observation recorded(String name) throws URISyntaxException {
        return ObservationJson.read(Path.of(ClientClassifierTest.class.getResource("/observations/" + name + ".json").toURI()));
    }
}
