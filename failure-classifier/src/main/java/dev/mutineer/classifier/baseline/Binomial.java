package dev.mutineer.classifier.baseline;

/**
 * The two binomial figures the client band needs, computed exactly in log space (no library: a few lines each).
 * Requests fail independently with one probability: a simplification, since a fault's failures come in bursts, but
 * the one that makes "could the golden runs' noise explain this" a question with an answer.
 */
public final class Binomial {

    private Binomial() {
    }

    /**
     * P(X >= k) for X ~ Binomial(n, p): how likely at least {@code k} of {@code n} requests fail when each fails with
     * probability {@code p}.
     */
    public static double atLeast(long k, long n, double p) {
        if (k <= 0) {
            return 1.0;
        }
        if (k > n || p <= 0) {
            return 0.0;
        }
        if (p >= 1) {
            return 1.0;
        }
        return Math.max(0.0, 1.0 - atMost(k - 1, n, p));
    }

    /** P(X <= k) for X ~ Binomial(n, p). */
    static double atMost(long k, long n, double p) {
        if (k < 0) {
            return 0.0;
        }
        if (k >= n) {
            return 1.0;
        }
        double logP = Math.log(p);
        double logQ = Math.log1p(-p);
        double logPmf = n * logQ; // i = 0
        double sum = 0;
        for (long i = 0; i <= k; i++) {
            sum += Math.exp(logPmf);
            logPmf += Math.log((double) (n - i) / (i + 1)) + logP - logQ;
        }
        return Math.min(1.0, sum);
    }

    /**
     * The one-sided upper confidence bound of the failure probability after {@code failures} of {@code trials}
     * failed (Clopper-Pearson): the largest p under which seeing at most that many failures still has probability
     * {@code alpha}. For no failure it is 1 - alpha^(1/trials), about 4.6 / trials at alpha 0.01.
     */
    public static double upperBound(long failures, long trials, double alpha) {
        if (trials <= 0 || failures >= trials) {
            return 1.0;
        }
        if (failures == 0) {
            return 1.0 - Math.pow(alpha, 1.0 / trials);
        }
        double lo = (double) failures / trials;
        double hi = 1.0;
        for (int i = 0; i < 60; i++) { // P(X <= failures) falls as p grows: bisect for alpha
            double mid = (lo + hi) / 2;
            if (atMost(failures, trials, mid) > alpha) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }
}
