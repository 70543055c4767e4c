package dev.mutineer.injector.inflight;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Campaign faults (operator name + text parameters) to rules, and clear refusals. */
class InflightFaultsTest {

    @Test
    void writeFaultsDefaultToTheFirstMatchingWrite() {
        Rule r = InflightFaults.rule("a1", "drop-write", Map.of("kind", "Deployment"), 7);
        assertThat(r.selector()).isEqualTo(Selector.writesOf("Deployment"));
        assertThat(r.count()).isEqualTo(Count.nth(1));
        assertThat(r.action()).isEqualTo(new Action.DropWrite());
        assertThat(r.window()).isEmpty();

        Rule fail = InflightFaults.rule("a2", "fail-write", Map.of("prefix", "/registry/pods/", "probability", "0.25", "code", "internal"), 7);
        assertThat(fail.count()).isEqualTo(Count.withProbability(0.25, 7));
        assertThat(fail.action()).isEqualTo(new Action.Fail(Status.Code.INTERNAL, "injected by mutineer"));
    }

    @Test
    void mutateWritePassesTheInnerOperatorsParametersOn() {
        Rule r = InflightFaults.rule("m", "mutate-write",
                Map.of("kind", "deploy", "with", "value", "field", "spec.replicas", "change", "zero", "nth", "2"), 11);
        assertThat(r.action()).isEqualTo(new Action.MutateValue("value", Map.of("field", "spec.replicas", "change", "zero"), 11));
        assertThat(r.count()).isEqualTo(Count.nth(2));
    }

    @Test
    void watchAndLatencyFaultsDefaultToEveryOneAndTakeAWindow() {
        Rule hold = InflightFaults.rule("h", "hold-watch", Map.of("kind", "Pod", "window", "6m"), 1);
        assertThat(hold.selector()).isEqualTo(Selector.watchOf("Pod"));
        assertThat(hold.count()).isEqualTo(Count.every());
        assertThat(hold.window()).isEqualTo(Optional.of(Duration.ofMinutes(6)));

        Rule latency = InflightFaults.rule("l", "latency", Map.of("methods", "KV/Txn, Lease/LeaseGrant", "delay", "250ms"), 1);
        assertThat(latency.selector().methods()).containsExactlyInAnyOrder(EtcdMethods.TXN, "etcdserverpb.Lease/LeaseGrant");
        assertThat(latency.action()).isEqualTo(new Action.AddLatency(Duration.ofMillis(250)));

        assertThat(InflightFaults.rule("r", "reorder-watch-events", Map.of("prefix", "/registry/", "batch", "3"), 1).action())
                .isEqualTo(new Action.ReorderWatchEvents(3));
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> InflightFaults.rule("x", "drop-writes", Map.of(), 1)).hasMessageContaining("unknown in-flight operator 'drop-writes'");
        assertThatThrownBy(() -> InflightFaults.rule("x", "drop-write", Map.of("kind", "Pod", "delay", "1s"), 1))
                .hasMessageContaining("no parameter 'delay'");
        assertThatThrownBy(() -> InflightFaults.rule("x", "delay-watch", Map.of("kind", "Pod"), 1)).hasMessageContaining("needs the parameter 'delay'");
        assertThatThrownBy(() -> InflightFaults.rule("x", "delay-watch", Map.of("kind", "Pod", "delay", "soon"), 1))
                .hasMessageContaining("delay=soon is not a duration");
        assertThatThrownBy(() -> InflightFaults.rule("x", "fail-write", Map.of("code", "OOPS"), 1)).hasMessageContaining("code=OOPS");
        assertThatThrownBy(() -> InflightFaults.rule("x", "drop-write", Map.of("kind", "Pod", "prefix", "/x"), 1)).hasMessageContaining("not both");
        assertThatThrownBy(() -> InflightFaults.rule("x", "mutate-write", Map.of("with", "melt"), 1)).hasMessageContaining("melt");
    }
}
