package dev.mutineer.campaign.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ControllersSyncedTest {

    private static final String FIRST = """
            === mutineer: start #1: kube-controller-manager --kubeconfig=...
            I1201 20:01:02.000 garbagecollector.go:155] "All resource monitors have synced. Proceeding to collect garbage"
            """;

    @Test
    void syncedWhenTheCollectorSaidSoAfterTheLastStart() {
        assertThat(ControllersSynced.notMet(FIRST)).isEmpty();
    }

    @Test
    void notSyncedWhenTheLastStartHasNotSaidItYet() {
        String restarted = FIRST + """

                === mutineer: start #2: kube-controller-manager --kubeconfig=...
                I1201 20:05:00.000 shared_informer.go:350] "Waiting for caches to sync" controller="garbage collector"
                """;
        assertThat(ControllersSynced.notMet(restarted))
                .containsExactly("kube-controller-manager: its garbage collector has not synced since start #2");
    }

    @Test
    void aStartOlderThanTheTailCountsAsSynced() {
        assertThat(ControllersSynced.notMet("I1201 graph_builder.go:100] monitors ... (thousands of lines later)\n")).isEmpty();
    }
}
