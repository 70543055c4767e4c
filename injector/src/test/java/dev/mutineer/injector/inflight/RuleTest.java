package dev.mutineer.injector.inflight;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules say clearly what is wrong with them, and select what they claim to. */
class RuleTest {

    @Test
    void kindSelectorsUseTheApiServersStoragePaths() {
        assertThat(Selector.writesOf("Deployment").keyPrefix()).isEqualTo("/registry/deployments/");
        assertThat(Selector.watchOf("Node").keyPrefix()).isEqualTo("/registry/minions/");
        assertThat(Selector.writesOf("svc").keyPrefix()).isEqualTo("/registry/services/specs/");
        assertThat(Selector.methods("KV/Range", "Lease/LeaseGrant").methods())
                .isEqualTo(Set.of("etcdserverpb.KV/Range", "etcdserverpb.Lease/LeaseGrant"));
    }

    @Test
    void keyPrefixMatchesOnBytes() {
        Selector pods = Selector.watchOf("Pod");
        assertThat(pods.matchesKey(ByteString.copyFromUtf8("/registry/pods/default/web-1"))).isTrue();
        assertThat(pods.matchesKey(ByteString.copyFromUtf8("/registry/podtemplates/default/x"))).isFalse();
        assertThat(Selector.methods("KV/Range").matchesKey(ByteString.copyFromUtf8("/anything"))).isTrue();
    }

    @Test
    void watchActionsGoWithWatchSelectorsOnly() {
        assertThatThrownBy(() -> Rule.of("r1", Selector.writesOf("Pod"), Count.every(), new Action.HoldWatch()))
                .hasMessageContaining("r1").hasMessageContaining("Selector.watch");
        assertThatThrownBy(() -> Rule.of("r2", Selector.watchOf("Pod"), Count.every(), new Action.Fail(Status.Code.INTERNAL, "x")))
                .hasMessageContaining("r2");
        assertThat(Rule.of("r3", Selector.watchOf("Pod"), Count.every(), new Action.DelayWatch(Duration.ofSeconds(1)))
                .activeFor(Duration.ofMinutes(6)).window()).contains(Duration.ofMinutes(6));
    }

    @Test
    void badCountsAndUnknownKindsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Count.nth(0)).hasMessageContaining("counts from 1");
        assertThatThrownBy(() -> Count.withProbability(1.5, 1)).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> new Action.ReorderWatchEvents(1)).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> Selector.writesOf("Gizmo")).hasMessageContaining("Gizmo");
    }

    @Test
    void nthFiresOnceAndProbabilityRepeatsWithTheSeed() {
        ActiveRule third = new ActiveRule(Rule.of("n", Selector.writes(""), Count.nth(3), new Action.DropWrite()));
        assertThat(new boolean[] {third.fires(), third.fires(), third.fires(), third.fires()}).containsExactly(false, false, true, false);
        ActiveRule a = new ActiveRule(Rule.of("a", Selector.writes(""), Count.withProbability(0.3, 9), new Action.DropWrite()));
        ActiveRule b = new ActiveRule(Rule.of("b", Selector.writes(""), Count.withProbability(0.3, 9), new Action.DropWrite()));
        for (int i = 0; i < 100; i++) {
            assertThat(a.fires()).isEqualTo(b.fires());
        }
    }
}
