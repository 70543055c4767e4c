package dev.mutineer.injector.inflight;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A cleared rule is forgotten by the rules and stays the caller's record of what it did. */
class InflightRulesTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final InflightRules rules = new InflightRules(timer);

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void clearingARuleForgetsItAndHandsBackItsEvidence() {
        rules.install(Rule.of("drop", Selector.writesOf("Deployment"), Count.every(), new Action.DropWrite()));
        ActiveRule hold = rules.install(Rule.of("hold", Selector.watchOf("Pod"), Count.every(), new Action.HoldWatch()));
        hold.record("Watch/Watch", "/registry/pods/shop/web-1", 42, "holding 1 event");

        ActiveRule cleared = rules.clear("hold");
        // a watch lets the held events go after the clear; the rule the caller holds still gets that evidence
        cleared.record("Watch/Watch", "/registry/pods/shop/web-1", 42, "released after 2 s");

        assertThat(cleared).isSameAs(hold);
        assertThat(cleared.active()).isFalse();
        assertThat(cleared.evidence()).extracting(Firing::effect).containsExactly("holding 1 event", "released after 2 s");
        assertThat(rules.rule("hold")).isEmpty();
        assertThat(rules.all()).extracting(ActiveRule::id).containsExactly("drop");
        assertThat(rules.evidence()).isEmpty();
        assertThat(rules.activeFor("etcdserverpb.Watch/Watch")).isEmpty();
        assertThatThrownBy(() -> rules.clear("hold")).hasMessageContaining("no rule with id hold");
    }

    @Test
    void manyInjectionsLeaveNoRuleBehind() {
        for (int i = 0; i < 1000; i++) {
            rules.install(Rule.of("injection-" + i, Selector.writesOf("Pod"), Count.nth(1), new Action.DropWrite()));
            rules.clear("injection-" + i);
        }
        rules.install(Rule.of("a", Selector.writesOf("Pod"), Count.every(), new Action.DropWrite()));
        rules.install(Rule.of("b", Selector.watchOf("Pod"), Count.every(), new Action.HoldWatch()));

        assertThat(rules.all()).extracting(ActiveRule::id).containsExactly("a", "b");
        assertThat(rules.clearAll()).extracting(ActiveRule::id).containsExactly("a", "b");
        assertThat(rules.all()).isEmpty();
    }

    @Test
    void clearingLetsHeldWatchesGo() {
        AtomicInteger releases = new AtomicInteger();
        rules.onRelease(releases::incrementAndGet);
        rules.install(Rule.of("hold", Selector.watchOf("Pod"), Count.every(), new Action.HoldWatch()));

        rules.clear("hold");

        assertThat(releases).hasValue(1);
    }
}
