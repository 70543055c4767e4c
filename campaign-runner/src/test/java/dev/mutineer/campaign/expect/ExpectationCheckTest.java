package dev.mutineer.campaign.expect;

import dev.mutineer.campaign.ExpectFilter;
import dev.mutineer.campaign.Expectation;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.results.ExpectationResult;
import dev.mutineer.results.JournalRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.mutineer.classifier.Outcome.CLUSTER_WIDE;
import static dev.mutineer.classifier.Outcome.NOT_ACTIVATED;
import static dev.mutineer.classifier.Outcome.NO_EFFECT;
import static dev.mutineer.classifier.Outcome.OVER_PROVISIONING;
import static org.assertj.core.api.Assertions.assertThat;

class ExpectationCheckTest {

    private static JournalRecord rec(String id, String operator, boolean dependency, Outcome o) {
        return rec(id, JournalRecord.DEFAULT_VARIANT, operator, dependency, o);
    }

    private static JournalRecord rec(String id, String variant, String operator, boolean dependency, Outcome o) {
        return JournalRecord.builder(id).campaign("c").variant(variant).target("Deployment", "shop", "web")
                .field(dependency ? "spec.selector.matchLabels[app]" : "spec.replicas", dependency)
                .operator(operator, Map.of()).activated(o != NOT_ACTIVATED).outcome(o).build();
    }

    private static final ExpectFilter DEPENDENCY_OPERATOR = new ExpectFilter("dependency", null, null, null, null, null);

    @Test
    void noneNamesEveryOffenderAmongTheMatchingOnly() {
        List<JournalRecord> rs = List.of(rec("a", "dependency", true, CLUSTER_WIDE), rec("b", "value", false, CLUSTER_WIDE),
                rec("c", "dependency", true, NO_EFFECT), rec("d", "dependency", true, CLUSTER_WIDE));
        ExpectationResult r = single(Expectation.none(CLUSTER_WIDE, DEPENDENCY_OPERATOR), rs);
        assertThat(r.violated()).isTrue();
        assertThat(r.ids()).containsExactly("a", "d"); // b is a value fault: not this expectation's business
        assertThat(r.detail()).isEqualTo("2 of 3 matching injections ended CLUSTER_WIDE");

        ExpectationResult byField = single(Expectation.none(CLUSTER_WIDE,
                new ExpectFilter(null, "at-rest", "Deployment", "spec.replicas", false, null)), rs);
        assertThat(byField.ids()).containsExactly("b");
        assertThat(single(Expectation.none(OVER_PROVISIONING, ExpectFilter.ANY), rs).violated()).isFalse();
    }

    @Test
    void sharesLeaveNotActivatedOut() {
        // 1 of 20 activated is exactly 5%: at most 5% holds, however many NOT_ACTIVATED there are.
        List<JournalRecord> rs = new ArrayList<>();
        rs.add(rec("over", "value", false, OVER_PROVISIONING));
        for (int i = 0; i < 19; i++) rs.add(rec("n" + i, "value", false, NO_EFFECT));
        for (int i = 0; i < 10; i++) rs.add(rec("x" + i, "value", false, NOT_ACTIVATED));
        ExpectationResult holds = single(Expectation.atMost(5, OVER_PROVISIONING, ExpectFilter.ANY), rs);
        assertThat(holds.violated()).isFalse();
        assertThat(holds.detail()).isEqualTo("1 of 20 activated injections ended OVER_PROVISIONING (5%)");

        rs.add(rec("over2", "value", false, OVER_PROVISIONING));
        ExpectationResult broken = single(Expectation.atMost(5, OVER_PROVISIONING, ExpectFilter.ANY), rs);
        assertThat(broken.violated()).isTrue();
        assertThat(broken.ids()).containsExactly("over", "over2");
        assertThat(broken.detail()).isEqualTo("2 of 21 activated injections ended OVER_PROVISIONING (9.5%), more than 5%");
    }

    @Test
    void atLeastNamesTheInjectionsThatEndedElsewhere() {
        List<JournalRecord> rs = List.of(rec("a", "value", false, NO_EFFECT), rec("b", "value", false, CLUSTER_WIDE),
                rec("c", "value", false, NOT_ACTIVATED));
        ExpectationResult r = single(Expectation.atLeast(90, NO_EFFECT, ExpectFilter.ANY), rs);
        assertThat(r.violated()).isTrue();
        assertThat(r.ids()).containsExactly("b");
        assertThat(single(Expectation.atLeast(50, NO_EFFECT, ExpectFilter.ANY), rs).violated()).isFalse();
        // Nothing activated matched: nothing to check, nothing violated.
        assertThat(single(Expectation.atLeast(50, NO_EFFECT, DEPENDENCY_OPERATOR), rs).detail()).contains("nothing to check");
    }

    @Test
    void idCoversEveryRepetitionAndAMissingIdIsAViolation() {
        List<JournalRecord> rs = List.of(rec("3f9k2m8q1z", "value", false, NO_EFFECT),
                rec("3f9k2m8q1z.2", "value", false, CLUSTER_WIDE), rec("3f9k2m8q1zz", "value", false, CLUSTER_WIDE));
        ExpectationResult r = single(Expectation.stays("3f9k2m8q1z", NO_EFFECT), rs);
        assertThat(r.violated()).isTrue();
        assertThat(r.ids()).containsExactly("3f9k2m8q1z.2");
        assertThat(r.detail()).isEqualTo("1 of 2 runs ended otherwise: 3f9k2m8q1z.2 CLUSTER_WIDE");

        ExpectationResult missing = single(Expectation.stays("0000000000", NO_EFFECT), rs);
        assertThat(missing.violated()).isTrue();
        assertThat(missing.detail()).startsWith("no record of 0000000000");
    }

    @Test
    void eachVariantIsCheckedOnItsOwn() {
        List<JournalRecord> rs = List.of(rec("a.on", "on", "value", false, NO_EFFECT), rec("a.off", "off", "value", false, OVER_PROVISIONING),
                rec("b.on", "on", "value", false, NO_EFFECT), rec("b.off", "off", "value", false, NO_EFFECT));
        List<ExpectationResult> results = ExpectationCheck.check(List.of(Expectation.atMost(25, OVER_PROVISIONING, ExpectFilter.ANY),
                Expectation.stays("a", NO_EFFECT)), rs);
        assertThat(results).extracting(r -> r.variant() + " " + r.violated())
                .containsExactly("on false", "off true", "on false", "off true");
        assertThat(results.get(1).ids()).containsExactly("a.off");
        assertThat(ExpectationCheck.anyViolated(results)).isTrue();
        // Pooled, 1 of 4 would have hidden the regression of "off" at 25%.
        assertThat(ExpectationCheck.check(List.of(Expectation.atMost(25, OVER_PROVISIONING,
                new ExpectFilter(null, null, null, null, null, "on"))), rs)).singleElement()
                .satisfies(r -> assertThat(r.variant()).isEqualTo("on"));
    }

    private static ExpectationResult single(Expectation e, List<JournalRecord> rs) {
        List<ExpectationResult> results = ExpectationCheck.check(List.of(e), rs);
        assertThat(results).hasSize(1);
        return results.get(0);
    }
}
