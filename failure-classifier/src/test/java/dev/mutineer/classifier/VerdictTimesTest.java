package dev.mutineer.classifier;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The times a verdict records are never negative: the journal reads a negative time as damage and skips the record. */
class VerdictTimesTest {

    @Test
    void aSymptomSeenAfterTheRecoverySampleRecoversAtOnce() {
        assertThat(new Verdict(Outcome.TRANSIENT, "r", List.of(), 1500L, 1000L).timeToRecoverMillis()).isZero();
        assertThat(new Verdict(Outcome.TRANSIENT, "r", List.of(), 1000L, 3000L).timeToRecoverMillis()).isEqualTo(2000L);
        assertThat(new Verdict(Outcome.NO_EFFECT, "r", List.of(), null, null).timeToRecoverMillis()).isNull();
    }
}
