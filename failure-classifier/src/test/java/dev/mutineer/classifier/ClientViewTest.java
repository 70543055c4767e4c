package dev.mutineer.classifier;

import dev.mutineer.classifier.baseline.ClientBaseline;
import dev.mutineer.classifier.client.ClientImpact;
import dev.mutineer.classifier.client.ClientView;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.cluster.traffic.ClientError;
import dev.mutineer.cluster.traffic.ClientSecond;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The client's view and its impact category, on constructed seconds (pure functions). */
class ClientViewTest {

    private static final int N = 12;
    private static final Observation STEADY = World.steady(new World(), N);
    private static final ClientBaseline PERFECT = ClientBaseline.learn(List.of(Clients.healthy(STEADY).client()));

    private static ClientView view(Observation o, ClientBaseline band) {
        return ClientView.of(o, band);
    }

    @Test
    void goldenBandIsTheWorstGoldenSecondAndTheSlowestP99() {
        Observation noisy = Clients.badBetween(STEADY, 4, 5, k -> Clients.failing(k, ClientError.TIMEOUT, 1));
        Observation slowish = Clients.with(STEADY, k -> k == 7 ? Clients.slow(k, 9_000) : Clients.ok(k));
        ClientBaseline band = ClientBaseline.learn(List.of(noisy.client(), slowish.client(), List.of()));
        assertThat(band.seconds()).isEqualTo(22);
        assertThat(band.minSecondAvailability()).isEqualTo(0.95);
        assertThat(band.minWindowAvailability()).isCloseTo(219.0 / 220, within(1e-9));
        assertThat(band.maxP50Micros()).isEqualTo(2_000);
        assertThat(band.maxP99Micros()).isEqualTo(9_000);
        assertThat(band.p99Limit()).isEqualTo(29_000); // 9 ms + 20 ms slack beats 2 x 9 ms
        assertThat(band.errors()).isEqualTo(Map.of(ClientError.TIMEOUT, 1L));
        assertThat(ClientBaseline.learn(List.of(List.of(), List.of()))).as("no golden traffic").isNull();
    }

    @Test
    void noTrafficGivesNoView() {
        assertThat(view(STEADY, PERFECT)).isNull();
    }

    @Test
    void healthySecondsAreNoImpact() {
        ClientView v = view(Clients.healthy(STEADY), PERFECT);
        assertThat(v.impact()).isEqualTo(ClientImpact.NONE);
        assertThat(v.seconds()).isEqualTo(11);
        assertThat(v.sent()).isEqualTo(220);
        assertThat(v.availability()).isEqualTo(1.0);
        assertThat(v.firstErrorMillis()).isNull();
        assertThat(v.recoveredMillis()).isNull();
        assertThat(v.errors()).isEmpty();
        assertThat(v.maxP99Micros()).isEqualTo(5_000);
        assertThat(v.goldenP99Micros()).isEqualTo(5_000);
    }

    @Test
    void goldenNoiseWithinTheBandIsNoImpact() {
        ClientBaseline band = ClientBaseline.learn(List.of(
                Clients.badBetween(STEADY, 2, 3, k -> Clients.failing(k, ClientError.TIMEOUT, 1)).client()));
        ClientView v = view(Clients.badBetween(STEADY, 8, 9, k -> Clients.failing(k, ClientError.TIMEOUT, 1)), band);
        assertThat(v.impact()).isEqualTo(ClientImpact.NONE);
        assertThat(v.belowBandSeconds()).isZero();
        assertThat(v.errors()).isEqualTo(Map.of(ClientError.TIMEOUT, 1L));
        // The same error against a band of an older baseline (golden requests not counted) degrades the client.
        ClientBaseline uncounted = new ClientBaseline(PERFECT.seconds(), 0, 1.0, 1.0, PERFECT.maxP50Micros(),
                PERFECT.maxP99Micros(), Map.of());
        assertThat(view(Clients.badBetween(STEADY, 8, 9, k -> Clients.failing(k, ClientError.TIMEOUT, 1)), uncounted).impact())
                .isEqualTo(ClientImpact.DEGRADED);
    }

    /** Three golden windows of 30 s at 20/s without an error, as the quickstart's golden runs give. */
    private static final Observation LONG = World.steady(new World(), 31);
    private static final ClientBaseline THREE_CLEAN_WINDOWS = ClientBaseline.learn(List.of(
            Clients.healthy(LONG).client(), Clients.healthy(LONG).client(), Clients.healthy(LONG).client()));

    @Test
    void oneLostRequestIsWithinTheNoiseOfCleanGoldenRuns() {
        assertThat(THREE_CLEAN_WINDOWS.sent()).isEqualTo(1800);
        assertThat(THREE_CLEAN_WINDOWS.failureRateBound()).isCloseTo(0.00255, within(0.00001));
        for (int failed = 1; failed <= 2; failed++) {
            int n = failed;
            ClientView v = view(Clients.badBetween(LONG, 12, 13, k -> Clients.failing(k, ClientError.TIMEOUT, n)),
                    THREE_CLEAN_WINDOWS);
            assertThat(v.impact()).as("%d of 20 in one second, none elsewhere", n).isEqualTo(ClientImpact.NONE);
            assertThat(v.belowBandSeconds()).isZero();
            assertThat(v.firstErrorMillis()).isNull();
            assertThat(v.errors()).as("the failures stay on record").isEqualTo(Map.of(ClientError.TIMEOUT, (long) n));
        }
    }

    @Test
    void aBurstInOneSecondIsBeyondTheNoise() {
        ClientView v = view(Clients.badBetween(LONG, 12, 13, k -> Clients.failing(k, ClientError.TIMEOUT, 3)),
                THREE_CLEAN_WINDOWS);
        assertThat(v.impact()).isEqualTo(ClientImpact.DEGRADED);
        assertThat(v.belowBandSeconds()).isEqualTo(1);
        assertThat(v.firstErrorMillis()).isEqualTo(12_000L);
    }

    @Test
    void failuresSpreadOverTheWindowCountTogether() {
        // One lost request in each of 6 seconds: no second alone is beyond the noise, the window is.
        Observation spread = Clients.with(LONG, k -> k % 5 == 0 ? Clients.failing(k, ClientError.REFUSED, 1) : Clients.ok(k));
        ClientView v = view(spread, THREE_CLEAN_WINDOWS);
        assertThat(v.errors()).isEqualTo(Map.of(ClientError.REFUSED, 6L));
        assertThat(v.impact()).isEqualTo(ClientImpact.DEGRADED);
        assertThat(v.belowBandSeconds()).isEqualTo(6);
        // Three such seconds are not.
        Observation fewer = Clients.with(LONG, k -> k % 10 == 0 ? Clients.failing(k, ClientError.REFUSED, 1) : Clients.ok(k));
        assertThat(view(fewer, THREE_CLEAN_WINDOWS).impact()).isEqualTo(ClientImpact.NONE);
    }

    @Test
    void anOutageThatRecoveredHasItsTimes() {
        ClientView v = view(Clients.badBetween(STEADY, 3, 6, k -> Clients.failing(k, ClientError.REFUSED, 20)), PERFECT);
        assertThat(v.impact()).isEqualTo(ClientImpact.OUTAGE);
        assertThat(v.firstErrorMillis()).isEqualTo(3_000L);
        assertThat(v.recoveredMillis()).isEqualTo(6_000L);
        assertThat(v.timeToRecoverMillis()).isEqualTo(3_000L);
        assertThat(v.worstSecondMillis()).isEqualTo(3_000L);
        assertThat(v.worstSecondAvailability()).isZero();
        assertThat(v.outageSeconds()).isEqualTo(3);
        assertThat(v.outOfBandAtEnd()).isFalse();
        assertThat(v.availability()).isCloseTo(160.0 / 220, within(1e-9));
        assertThat(v.errors()).isEqualTo(Map.of(ClientError.REFUSED, 60L));
        assertThat(v.availabilityBySecond()).containsExactly(1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0);
    }

    @Test
    void errorsUntilTheEndAreNotRecovered() {
        ClientView v = view(Clients.badBetween(STEADY, 5, N, k -> Clients.failing(k, ClientError.HTTP_5XX, 4)), PERFECT);
        assertThat(v.impact()).as("16 of 20 succeed: degraded, not out").isEqualTo(ClientImpact.DEGRADED);
        assertThat(v.firstErrorMillis()).isEqualTo(5_000L);
        assertThat(v.recoveredMillis()).isNull();
        assertThat(v.timeToRecoverMillis()).isNull();
        assertThat(v.outOfBandAtEnd()).isTrue();
        assertThat(v.belowBandSeconds()).isEqualTo(6);
        assertThat(v.outageSeconds()).isZero();
        assertThat(v.worstSecondAvailability()).isEqualTo(0.8);
    }

    @Test
    void latencyCountsFromTwoConsecutiveSlowSeconds() {
        ClientView lone = view(Clients.with(STEADY, k -> k == 4 ? Clients.slow(k, 200_000) : Clients.ok(k)), PERFECT);
        assertThat(lone.impact()).isEqualTo(ClientImpact.NONE);
        assertThat(lone.slowSeconds()).isZero();
        assertThat(lone.maxP99Micros()).isEqualTo(200_000);

        ClientView run = view(Clients.with(STEADY, k -> k == 4 || k == 5 ? Clients.slow(k, 200_000) : Clients.ok(k)), PERFECT);
        assertThat(run.impact()).isEqualTo(ClientImpact.DEGRADED);
        assertThat(run.slowSeconds()).isEqualTo(2);
        assertThat(run.firstErrorMillis()).as("slow is not an error").isNull();
        assertThat(run.recoveredMillis()).isEqualTo(6_000L);
        assertThat(run.p99LimitMicros()).isEqualTo(25_000);

        // Within the band's slack (5 ms golden max + 20 ms) is no deviation at all.
        assertThat(view(Clients.with(STEADY, k -> Clients.slow(k, 24_000)), PERFECT).impact()).isEqualTo(ClientImpact.NONE);
    }

    @Test
    void withoutAGoldenBandEveryErrorCountsAndLatencyHasNoLimit() {
        ClientView v = view(Clients.with(STEADY, k -> k == 2 ? Clients.failing(k, ClientError.OTHER, 20) : Clients.slow(k, 900_000)),
                ClientBaseline.NOT_LEARNED);
        assertThat(v.impact()).isEqualTo(ClientImpact.OUTAGE);
        assertThat(v.slowSeconds()).isZero();
        assertThat(v.p99LimitMicros()).isEqualTo(-1);
    }

    @Test
    void aSecondTheGeneratorDidNotReportIsAGapInTheSeries() {
        Observation o = Clients.healthy(World.steady(new World(), 5));
        List<ClientSecond> gap = List.of(o.client().get(0), o.client().get(2), o.client().get(3));
        ClientView v = view(o.withClient(gap), PERFECT);
        assertThat(v.seconds()).isEqualTo(3);
        assertThat(v.availabilityBySecond()).containsExactly(1.0, -1.0, 1.0, 1.0);
    }
}
