package dev.mutineer.campaign.run;

import dev.mutineer.cluster.traffic.ClientError;
import dev.mutineer.cluster.traffic.ClientSecond;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TrafficAtRestTest {

    private static ClientSecond second(long t, int sent, int ok) {
        return new ClientSecond(t, sent, ok, sent == ok ? Map.of() : Map.of(ClientError.REFUSED, sent - ok), 1500, 4000);
    }

    @Test
    void backWhenTheLastTwoSecondsSucceedAtTheThreshold() {
        assertThat(TrafficAtRest.notMet(List.of(second(1, 20, 0), second(2, 20, 20), second(3, 20, 20)), 1.0)).isEmpty();
    }

    @Test
    void aFailingRecentSecondIsNamedWithItsErrors() {
        List<String> notMet = TrafficAtRest.notMet(List.of(second(1, 20, 20), second(2, 20, 20), second(3, 20, 17)), 1.0);
        assertThat(notMet).singleElement().asString().contains("second 3", "17 of 20", "REFUSED=3");
    }

    @Test
    void theGoldenRunsWorstSecondIsTheBar() {
        assertThat(TrafficAtRest.notMet(List.of(second(2, 20, 19), second(3, 20, 19)), 0.95)).isEmpty();
        assertThat(TrafficAtRest.notMet(List.of(second(2, 20, 19), second(3, 20, 18)), 0.95)).isNotEmpty();
    }

    @Test
    void tooFewSecondsOrNothingSentIsNotBack() {
        assertThat(TrafficAtRest.notMet(List.of(second(3, 20, 20)), 1.0)).singleElement().asString().contains("1 completed seconds");
        assertThat(TrafficAtRest.notMet(List.of(second(2, 20, 20), second(3, 0, 0)), 1.0)).isNotEmpty();
    }
}
