package dev.mutineer.campaign;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTest {

    @Test
    void suggestsOnlyPlausibleTypos() {
        List<String> fields = List.of("name", "seed", "cluster", "workload", "faults", "goldenRuns");
        assertThat(Suggestions.closest("sedd", fields)).contains("seed");
        assertThat(Suggestions.closest("esed", fields)).contains("seed"); // transposition counts once
        assertThat(Suggestions.closest("Workload", fields)).contains("workload");
        assertThat(Suggestions.closest("goldenruns", fields)).contains("goldenRuns");
        assertThat(Suggestions.closest("xyz", fields)).isEmpty();
        assertThat(Suggestions.closest("strategy", List.of("strategies"))).contains("strategies");
        assertThat(Suggestions.didYouMean("timeout", fields)).isEmpty();
    }
}
