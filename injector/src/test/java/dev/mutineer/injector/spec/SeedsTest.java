package dev.mutineer.injector.spec;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The target pick and the operator's draws come from streams of their own. */
class SeedsTest {

    @Test
    void whichObjectIsStruckTellsNothingAboutWhatIsDoneToIt() {
        // Both once read Random(seed): with three matching pods and three changes, pod i always got change i.
        Set<String> pairs = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            InjectionSpec spec = InjectionSpec.of(Target.selected("Pod", "shop", "app=web"), "value", Map.of(), seed);
            pairs.add(Seeds.forTarget(spec).nextInt(3) + "/" + Seeds.forOperator(spec).nextInt(3));
        }
        assertThat(pairs).hasSize(9);
    }

    @Test
    void streamsAreFixedFunctionsOfTheSeedAndThePurpose() {
        assertThat(Seeds.derive(42, "target")).isEqualTo(Seeds.derive(42, "target"))
                .isNotEqualTo(Seeds.derive(43, "target")).isNotEqualTo(Seeds.derive(42, "operator"));
    }
}
