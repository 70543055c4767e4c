package dev.mutineer.injector.spec;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InjectionIdTest {

    private static InjectionSpec spec(String name, Map<String, String> params, long seed) {
        return InjectionSpec.of(Target.named("Pod", "default", name), "bit-flip", params, seed);
    }

    @Test
    void theSameSpecAlwaysGetsTheSameShortId() {
        InjectionSpec a = spec("web-1", Map.of("byte", "10", "bit", "3"), 1);
        InjectionSpec b = spec("web-1", Map.of("bit", "3", "byte", "10"), 1);
        assertThat(a.id()).isEqualTo(b.id()).hasSize(InjectionId.LENGTH);
        assertThat(InjectionId.isWellFormed(a.id())).isTrue();
        // pinned: a change of the canonical form would orphan every journal written so far
        assertThat(a.canonical()).isEqualTo("mutineer-injection/1;kind=3:Pod;namespace=7:default;name=5:web-1;selector=0:;"
                + "operator=8:bit-flip;param:bit=1:3;param:byte=2:10;delay=4:PT0S;seed=1:1");
    }

    @Test
    void everyPartOfTheSpecChangesTheId() {
        InjectionSpec base = spec("web-1", Map.of("bit", "3"), 1);
        assertThat(Set.of(base.id(),
                spec("web-2", Map.of("bit", "3"), 1).id(),
                spec("web-1", Map.of("bit", "4"), 1).id(),
                spec("web-1", Map.of("bit", "3"), 2).id(),
                InjectionSpec.of(Target.named("Pod", "kube-system", "web-1"), "bit-flip", Map.of("bit", "3"), 1).id()))
                .hasSize(5);
    }

    @Test
    void idsStayWhatTheyWereWhenSpecsHadATriggerDelay() {
        // The canonical form keeps the old "delay=PT0S": journals and reproduce commands name these IDs.
        assertThat(spec("web-1", Map.of("bit", "3"), 1).canonical()).contains(";delay=4:PT0S;");
        assertThat(spec("web-1", Map.of("bit", "3"), 1).id()).isEqualTo("sfpbzhj7h0");
    }

    @Test
    void hundredThousandDistinctSpecsGiveNoCollision() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(spec("web-" + (i % 100), Map.of("byte", Integer.toString(i / 100)), i % 7).id());
        }
        assertThat(ids).hasSize(100_000);
    }

    @Test
    void badSpecsAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> new Target("Pod", "default", "", "")).hasMessageContaining("exactly one of name and selector");
        assertThatThrownBy(() -> spec("web-1", Map.of("bitt", "1"), 1)).hasMessageContaining("no parameter 'bitt'");
        assertThatThrownBy(() -> InjectionSpec.of(Target.named("Pod", "d", "x"), "flip", Map.of(), 1))
                .hasMessageContaining("unknown operator 'flip'");
    }
}
