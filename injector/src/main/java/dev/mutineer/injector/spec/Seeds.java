package dev.mutineer.injector.spec;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The random streams of one injection, one per purpose, all derived from the spec's seed: the pick among the
 * objects a selector matches and the operator's draws no longer read the same stream, so a draw added to one
 * does not shift the other.
 */
public final class Seeds {

    private Seeds() {
    }

    /** The operator's draws: Random(seed) itself, as recorded injections drew them. */
    public static Random forOperator(InjectionSpec spec) {
        return new Random(spec.seed());
    }

    /** Which of the objects a selector matches is struck. */
    public static Random forTarget(InjectionSpec spec) {
        return new Random(derive(spec.seed(), "target"));
    }

    /** A seed for one purpose: SplitMix64's finalizer over the seed mixed with the purpose's name. */
    public static long derive(long seed, String purpose) {
        long z = seed;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            z = (z ^ b) * 0x100000001B3L;
        }
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
