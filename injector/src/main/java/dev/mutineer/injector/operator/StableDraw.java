package dev.mutineer.injector.operator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A seeded choice among named candidates that makes the same choice on every copy of an object that holds the
 * chosen candidate. The same injection runs on different copies of one object: a serial run and a parallel run
 * of a campaign draw it on different clusters, where UIDs, IPs and generated names differ, and with them the
 * number of fields and the length of the encoding. An index drawn with {@code nextInt(size)} lands on another
 * field as soon as the size differs. Here each candidate gets its own score from the salt and its name
 * (weighted rendezvous hashing), and the highest score wins: a candidate added or removed elsewhere, or a
 * weight changed elsewhere, does not move the choice. Candidate i wins with probability weight(i) / sum.
 */
final class StableDraw {

    private StableDraw() {
    }

    static <T> T pick(List<T> candidates, Function<T, String> name, ToLongFunction<T> weight, long salt) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("nothing to draw from");
        }
        T best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (T c : candidates) {
            long w = weight.applyAsLong(c);
            if (w <= 0) {
                continue;
            }
            // w / -ln(u) is the classic weighted rendezvous score: the max over candidates is candidate i with p = w_i / sum(w)
            double score = w / -Math.log(unit(salt, name.apply(c)));
            if (score > bestScore) {
                best = c;
                bestScore = score;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("every candidate has weight 0");
        }
        return best;
    }

    /** A number in (0, 1) fixed by the salt and the name, the same on every JVM. */
    static double unit(long salt, String name) {
        long h = 0xcbf29ce484222325L; // FNV-1a, 64 bits
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x100000001b3L;
        }
        long z = h ^ salt;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L; // SplitMix64's finalizer, so similar names give unrelated numbers
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z ^= z >>> 31;
        return ((z >>> 11) + 0.5) / (1L << 53);
    }

    /** An index in [0, length) at fraction u of it: a field of the same length on another copy gets the same byte. */
    static int at(double u, int length) {
        return Math.min(length - 1, (int) (u * length));
    }
}
