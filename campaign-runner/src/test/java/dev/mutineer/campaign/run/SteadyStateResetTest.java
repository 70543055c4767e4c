package dev.mutineer.campaign.run;

import dev.mutineer.campaign.run.SteadyStateDrift.Incarnation;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SteadyStateResetTest {

    private static final Incarnation DEPLOYMENT = new Incarnation("Deployment", "shop", "web", "d-1");
    private static final Incarnation SAVED_RS = new Incarnation("ReplicaSet", "shop", "web-5d8f", "r-1");
    private static final Incarnation POD = new Incarnation("Pod", "shop", "web-5d8f-a", "p-1");

    @Test
    void theSavedObjectsAreNoDrift() {
        assertThat(SteadyStateDrift.between(List.of(DEPLOYMENT, SAVED_RS, POD), List.of(POD, SAVED_RS, DEPLOYMENT))).isEmpty();
    }

    /** Counts alone would call this at rest: one ReplicaSet serving the Deployment, but not the saved one. */
    @Test
    void aReplicaSetThatIsNotTheSavedOneIsDrift() {
        Incarnation other = new Incarnation("ReplicaSet", "shop", "web-7f9", "r-2");
        assertThat(SteadyStateDrift.between(List.of(DEPLOYMENT, SAVED_RS), List.of(DEPLOYMENT, other))).containsExactly(
                "drift: ReplicaSet shop/web-5d8f (uid r-1) of the steady state is gone",
                "drift: ReplicaSet shop/web-7f9 (uid r-2) not in the steady state");
    }

    @Test
    void theSameNameWithAnotherUidIsAnotherObject() {
        Incarnation recreated = new Incarnation("Pod", "shop", "web-5d8f-a", "p-2");
        assertThat(SteadyStateDrift.between(List.of(POD), List.of(recreated))).hasSize(2)
                .anyMatch(d -> d.contains("uid p-2") && d.endsWith("not in the steady state"));
    }

    @Test
    void everyFailedRestoreAttemptIsLoggedAndRecordedWithItsNumber() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger calls = new AtomicInteger();
        List<String> failures = SteadyStateReset.restoreWithRetries(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("kube-scheduler exited: scheduler cache is corrupted");
            }
        }, 3, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(failures).containsExactly(
                "restore attempt 1 of 3 failed: kube-scheduler exited: scheduler cache is corrupted",
                "restore attempt 2 of 3 failed: kube-scheduler exited: scheduler cache is corrupted");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("restore attempt 1 of 3 failed").contains("restore attempt 2 of 3 failed");
    }

    @Test
    void theLastFailedAttemptStopsTheCampaignAfterBeingLogged() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThatThrownBy(() -> SteadyStateReset.restoreWithRetries(() -> {
            throw new IllegalStateException("etcd unreachable");
        }, 2, new PrintStream(err, true, StandardCharsets.UTF_8))).hasMessage("etcd unreachable");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("restore attempt 2 of 2 failed: etcd unreachable");
    }
}
