package dev.mutineer.classifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.baseline.BaselineLearner;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.observation.ObservationJson;
import dev.mutineer.classifier.observation.WarningEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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
    void verdictAndBaselineSurviveJsonRoundTrip() throws Exception {
        Observation golden = World.steady(new World(), 5);
        Baseline b = BaselineLearner.learn(List.of(golden));
        Verdict v = new Classifier().classify(World.changedAt(2, 5, w -> { w.webReady = 0; return w; }), b,
                new InjectionFacts(new Target("Deployment", "default", "web"), true, true));
        assertThat(json.readValue(json.writeValueAsString(v), Verdict.class)).isEqualTo(v);
        assertThat(json.readValue(json.writeValueAsString(b), Baseline.class)).isEqualTo(b);
    }
}
