package dev.mutineer.injector.inflight;

/** Which of the matching requests a rule acts on. */
public sealed interface Count {

    /** Only the nth matching request (1 = the first). */
    record Nth(long n) implements Count {
        public Nth {
            if (n < 1) {
                throw new IllegalArgumentException("the nth matching request counts from 1, got " + n);
            }
        }
    }

    /** Every matching request. */
    record Every() implements Count {
    }

    /** Each matching request with probability p, drawn from a Random seeded with seed. */
    record WithProbability(double p, long seed) implements Count {
        public WithProbability {
            if (p < 0 || p > 1) {
                throw new IllegalArgumentException("a probability lies in [0, 1], got " + p);
            }
        }
    }

    static Count nth(long n) {
        return new Nth(n);
    }

    static Count every() {
        return new Every();
    }

    static Count withProbability(double p, long seed) {
        return new WithProbability(p, seed);
    }
}
