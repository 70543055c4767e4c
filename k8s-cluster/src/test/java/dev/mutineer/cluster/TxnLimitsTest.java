package dev.mutineer.cluster;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TxnLimitsTest {

    @Test
    void whatFitsIsOneTransaction() {
        TxnLimits limits = new TxnLimits(1000, 16L * 1024 * 1024);
        assertThat(limits.split(Collections.nCopies(1000, 4_000L))).containsExactly(1000);
        assertThat(limits.split(List.of())).isEmpty();
    }

    @Test
    void etcdsDefaultsCutAtTheirOperationCount() {
        assertThat(TxnLimits.ETCD_DEFAULTS.split(Collections.nCopies(300, 100L))).containsExactly(128, 256, 300);
    }

    @Test
    void bytesCutBeforeTheOperationThatWouldExceedThem() {
        TxnLimits limits = new TxnLimits(1000, TxnLimits.REQUEST_OVERHEAD + 10_000);
        assertThat(limits.split(List.of(4_000L, 4_000L, 4_000L, 9_000L, 1_000L))).containsExactly(2, 3, 5);
    }

    @Test
    void anOperationLargerThanTheBudgetStillGoesAloneAndEtcdSaysWhy() {
        TxnLimits limits = new TxnLimits(10, TxnLimits.REQUEST_OVERHEAD + 100);
        assertThat(limits.split(List.of(50L, 500L, 50L))).containsExactly(1, 2, 3);
    }

    @Test
    void anOperationCountsItsKeyValueAndFraming() {
        assertThat(TxnLimits.opBytes(30, 1000)).isEqualTo(1030 + TxnLimits.OP_OVERHEAD);
        assertThatThrownBy(() -> new TxnLimits(0, 1 << 20)).isInstanceOf(IllegalArgumentException.class);
    }
}
