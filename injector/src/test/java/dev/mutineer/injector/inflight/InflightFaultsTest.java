package dev.mutineer.injector.inflight;

import dev.mutineer.injector.fault.Durations;
import dev.mutineer.injector.fault.Faults;
import dev.mutineer.injector.fault.InflightFault;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Campaign faults (operator name + text parameters) to rules, and clear refusals. */
class InflightFaultsTest {

    private static Rule rule(String id, String operator, Map<String, String> parameters, long seed) {
        return ((InflightFault) Faults.byName(operator)).rule(id, parameters, seed);
    }

    @Test
    void writeFaultsDefaultToTheFirstMatchingWrite() {
        Rule r = rule("a1", "drop-write", Map.of("kind", "Deployment"), 7);
        assertThat(r.selector()).isEqualTo(Selector.writesOf("Deployment"));
        assertThat(r.count()).isEqualTo(Count.nth(1));
        assertThat(r.action()).isEqualTo(new Action.DropWrite());
        assertThat(r.window()).isEmpty();

        Rule fail = rule("a2", "fail-write", Map.of("prefix", "/registry/pods/", "probability", "0.25", "code", "internal"), 7);
        assertThat(fail.count()).isEqualTo(Count.withProbability(0.25, 7));
        assertThat(fail.action()).isEqualTo(new Action.Fail(Status.Code.INTERNAL, "injected by mutineer"));
    }

    @Test
    void mutateWritePassesTheInnerOperatorsParametersOn() {
        Rule r = rule("m", "mutate-write",
                Map.of("kind", "deploy", "with", "value", "field", "spec.replicas", "change", "zero", "nth", "2"), 11);
        assertThat(r.action()).isEqualTo(new Action.MutateValue("value", Map.of("field", "spec.replicas", "change", "zero"), 11));
        assertThat(r.count()).isEqualTo(Count.nth(2));
    }

    @Test
    void watchAndLatencyFaultsDefaultToEveryOneAndTakeAWindow() {
        Rule hold = rule("h", "hold-watch", Map.of("kind", "Pod", "window", "6m"), 1);
        assertThat(hold.selector()).isEqualTo(Selector.watchOf("Pod"));
        assertThat(hold.count()).isEqualTo(Count.every());
        assertThat(hold.window()).isEqualTo(Optional.of(Duration.ofMinutes(6)));

        Rule latency = rule("l", "latency", Map.of("methods", "KV/Txn, Lease/LeaseGrant", "delay", "250ms"), 1);
        assertThat(latency.selector().methods()).containsExactlyInAnyOrder(EtcdMethods.TXN, "etcdserverpb.Lease/LeaseGrant");
        assertThat(latency.action()).isEqualTo(new Action.AddLatency(Duration.ofMillis(250)));

        assertThat(rule("r", "reorder-watch-events", Map.of("prefix", "/registry/", "batch", "3"), 1).action())
                .isEqualTo(new Action.ReorderWatchEvents(3));
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> rule("x", "drop-writes", Map.of(), 1)).hasMessageContaining("unknown operator 'drop-writes'");
        assertThatThrownBy(() -> rule("x", "drop-write", Map.of("kind", "Pod", "delay", "1s"), 1))
                .hasMessageContaining("no parameter 'delay'");
        assertThatThrownBy(() -> rule("x", "delay-watch", Map.of("kind", "Pod"), 1)).hasMessageContaining("needs the parameter 'delay'");
        assertThatThrownBy(() -> rule("x", "delay-watch", Map.of("kind", "Pod", "delay", "soon"), 1))
                .hasMessageContaining("delay: " + Durations.message("soon"));
        assertThatThrownBy(() -> rule("x", "fail-write", Map.of("code", "OOPS"), 1)).hasMessageContaining("code=OOPS");
        assertThatThrownBy(() -> rule("x", "drop-write", Map.of("kind", "Pod", "prefix", "/x"), 1)).hasMessageContaining("not both");
        assertThatThrownBy(() -> rule("x", "mutate-write", Map.of("with", "melt"), 1)).hasMessageContaining("melt");
    }

    @Test
    void windowsTakeTheSameDurationsAsTheCampaignFile() {
        // One grammar: what observationWindow accepts, a rule's window accepts too.
        assertThat(rule("w", "hold-watch", Map.of("kind", "Pod", "window", "1m30s"), 1).window())
                .contains(Duration.ofSeconds(90));
        assertThat(rule("w", "delay-watch", Map.of("kind", "Pod", "delay", "1s500ms"), 1).action())
                .isEqualTo(new Action.DelayWatch(Duration.ofMillis(1500)));
        assertThatThrownBy(() -> rule("w", "hold-watch", Map.of("window", "90"), 1))
                .hasMessageContaining("window: " + Durations.message("90"));
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        assertThatThrownBy(() -> rule("x", "fail-write", Map.of("nth", "0", "probability", "1.5", "window", "soon", "code", "OOPS"), 1))
                .hasMessageContaining("nth: '0' is not a whole number >= 1")
                .hasMessageContaining("probability: '1.5' is not a probability between 0 and 1")
                .hasMessageContaining("window: " + Durations.message("soon"))
                .hasMessageContaining("code=OOPS")
                .hasMessageContaining("give nth or probability, not both");
    }
}
