package dev.mutineer.classifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.baseline.BaselineLearner;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.observation.ObservationJson;
import dev.mutineer.classifier.observation.WarningEvent;
import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentExit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ObservationJsonTest {

    private final ObjectMapper json = ObservationJson.mapper();

    @Test
    void observationSurvivesJsonRoundTrip(@TempDir Path dir) {
        Observation o = World.observe(List.of(new World(), new World().with(w -> { w.orphans = 1; w.webEndpointsStale = true; return w; })),
                new WarningEvent(1000, "default", "Pod/x", "FailedMount", "no such volume", 2))
                .withStoredValueAtEnd("sha256:abc");
        Path file = dir.resolve("o.json");
        ObservationJson.write(o, file);
        assertThat(ObservationJson.read(file)).isEqualTo(o);
    }

    @Test
    void anObservationWithAnExitSurvivesJsonRoundTripAndOneWithoutReadsAsNoExits() throws Exception {
        Observation steady = World.steady(new World(), 3);
        ComponentExit exit = new ComponentExit(Component.SCHEDULER, steady.startedAt().plusMillis(1_200), 137,
                Duration.ofMillis(61_500), List.of("I1201 a line", "I1201 the last line"), Duration.ofSeconds(10), null);
        Observation o = new Observation(steady.startedAt(), 1000, 2000, steady.samples(), List.of(), null, List.of(exit));
        assertThat(json.readValue(json.writeValueAsString(o), Observation.class)).isEqualTo(o);

        String recordedBeforeExits = json.writeValueAsString(steady).replace(",\"exits\":[]", "");
        assertThat(recordedBeforeExits).doesNotContain("exits");
        assertThat(json.readValue(recordedBeforeExits, Observation.class).exits()).isEmpty();
    }

    @Test
    void verdictAndBaselineSurviveJsonRoundTrip() throws Exception {
        Observation golden = World.steady(new World(), 5);
        Baseline b = BaselineLearner.learn(List.of(golden));
        Verdict v = new Classifier().classify(World.changedAt(2, 5, w -> { w.webReady = 0; return w; }), b,
                new InjectionFacts(new InjectedObject("Deployment", "default", "web"), true, true));
        assertThat(json.readValue(json.writeValueAsString(v), Verdict.class)).isEqualTo(v);
        assertThat(json.readValue(json.writeValueAsString(b), Baseline.class)).isEqualTo(b);
    }
}
