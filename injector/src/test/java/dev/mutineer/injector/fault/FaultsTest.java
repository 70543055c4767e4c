package dev.mutineer.injector.fault;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry: one list of faults, names unique, parameters documented and checked by value. */
class FaultsTest {

    @Test
    void everyFaultIsListedOnceWithItsFamilyInTheCampaignOrder() {
        // A new fault may go anywhere in its family; these keep their order.
        assertThat(Faults.names()).doesNotHaveDuplicates().containsSubsequence("bit-flip", "value", "dependency", "delete", "undecodable",
                "drop-write", "fail-write", "mutate-write", "latency", "delay-watch", "hold-watch", "drop-watch-events",
                "duplicate-watch-events", "reorder-watch-events", "pause-component", "kill-component", "restart-component");
        assertThat(Faults.byName("latency").family()).isEqualTo(Family.IN_FLIGHT);
        assertThat(Faults.byName("kill-component").family()).isEqualTo(Family.COMPONENT);
        assertThatThrownBy(() -> Faults.byName("bitflip")).hasMessageContaining("unknown operator 'bitflip'");
    }

    @Test
    void everyFaultAndParameterHasAOneLineDoc() {
        for (Fault f : Faults.all()) {
            assertThat(f.doc()).as(f.name()).isNotBlank().doesNotContain("\n");
            f.parameters().forEach(p -> assertThat(p.doc()).as(f.name() + " " + p.name()).isNotBlank().doesNotContain("\n"));
        }
    }

    @Test
    void valuesAreCheckedAndEveryProblemIsReturned() {
        assertThat(Faults.byName("bit-flip").problems(Map.of("bit", "8", "byte", "-1", "bytes", "3")))
                .extracting(ParameterProblem::parameter).containsExactlyInAnyOrder("bit", "byte", "bytes");
        assertThat(Faults.byName("kill-component").problems(Map.of("duration", "1m30s", "component", "scheduler"))).isEmpty();
        assertThat(Faults.byName("kill-component").problems(Map.of("duration", "ten", "component", "kubelite")))
                .extracting(ParameterProblem::parameter).containsExactlyInAnyOrder("duration", "component");
        assertThat(Faults.byName("undecodable").problems(Map.of("how", "melt"))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("'melt' is not one of truncate, bad-magic, bad-length"));
        assertThat(Faults.byName("mutate-write").problems(Map.of("with", "value", "change", "zero", "bit", "3")))
                .extracting(ParameterProblem::parameter).containsExactly("bit");
        assertThat(Faults.byName("mutate-write").problems(Map.of("with", "bit-flip", "bit", "9")))
                .extracting(ParameterProblem::parameter).containsExactly("bit");
    }

    @Test
    void seedUseIsAsThePlannerAlwaysGaveIt() {
        // IDs hash the seed: these decide which injections share seed 0, so they must not move.
        assertThat(Faults.byName("delete").usesSeed(Map.of())).isFalse();
        assertThat(Faults.byName("value").usesSeed(Map.of("field", "spec.replicas", "change", "zero"))).isTrue();
        assertThat(Faults.byName("drop-write").usesSeed(Map.of())).isFalse();
        assertThat(Faults.byName("drop-write").usesSeed(Map.of("probability", "0.5"))).isTrue();
        assertThat(Faults.byName("mutate-write").usesSeed(Map.of("with", "delete"))).isTrue();
        assertThat(Faults.byName("pause-component").usesSeed(Map.of("duration", "5s"))).isFalse();
    }
}
