package dev.mutineer.classifier;

import dev.mutineer.classifier.baseline.Binomial;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The binomial tail and the Clopper-Pearson bound the client band judges failures with. */
class BinomialTest {

    @Test
    void tailAgainstClosedForms() {
        assertThat(Binomial.atLeast(0, 20, 0.3)).isEqualTo(1.0);
        assertThat(Binomial.atLeast(1, 20, 0.01)).isCloseTo(1 - Math.pow(0.99, 20), within(1e-12));
        assertThat(Binomial.atLeast(20, 20, 0.5)).isCloseTo(Math.pow(0.5, 20), within(1e-15));
        assertThat(Binomial.atLeast(2, 3, 0.5)).isCloseTo(0.5, within(1e-12)); // 3 + 1 of 8 outcomes
        assertThat(Binomial.atLeast(21, 20, 0.5)).isZero();
        assertThat(Binomial.atLeast(1, 600, 0.0)).isZero();
    }

    @Test
    void tailOfALargeWindowStaysFinite() {
        // 12,000 requests (200/s for a minute), the mean 6,000: no underflow to NaN, symmetric about the mean.
        double upper = Binomial.atLeast(6_100, 12_000, 0.5);
        assertThat(upper).isBetween(0.01, 0.05);
        assertThat(Binomial.atLeast(5_901, 12_000, 0.5)).isCloseTo(1 - upper, within(1e-9));
    }

    @Test
    void upperBoundLeavesAlphaOfTheObservedCountOrFewer() {
        assertThat(Binomial.upperBound(0, 1800, 0.01)).isCloseTo(1 - Math.pow(0.01, 1.0 / 1800), within(1e-15));
        for (long failures : new long[] {1, 5, 50}) {
            double p = Binomial.upperBound(failures, 1000, 0.01);
            assertThat(p).isGreaterThan(failures / 1000.0);
            assertThat(1 - Binomial.atLeast(failures + 1, 1000, p)).as("P(X <= %d)", failures).isCloseTo(0.01, within(1e-6));
        }
        assertThat(Binomial.upperBound(1, 100, 0.01)).isCloseTo(0.0644, within(0.0005));
        assertThat(Binomial.upperBound(3, 3, 0.01)).isEqualTo(1.0);
    }
}
