package dev.mutineer.injector.spec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws a campaign's injections from a seed: the same seed, targets, operators and count
 * always give the same list in the same order. Each spec gets a seed of its own, so one
 * injection can be replayed without the others. Duplicates (same ID) are drawn again.
 */
public final class Planner {

    private final long seed;

    public Planner(long seed) {
        this.seed = seed;
    }

    public List<InjectionSpec> plan(List<Target> targets, List<OperatorChoice> operators, Trigger trigger, int count) {
        if (targets.isEmpty() || operators.isEmpty()) {
            throw new IllegalArgumentException("planning needs at least one target and one operator");
        }
        int totalWeight = operators.stream().mapToInt(OperatorChoice::weight).sum();
        SplittableRandom random = new SplittableRandom(seed);
        Set<String> ids = new LinkedHashSet<>();
        List<InjectionSpec> out = new ArrayList<>(count);
        int draws = 0;
        while (out.size() < count) {
            if (++draws > count * 20 + 1000) {
                throw new IllegalArgumentException("cannot draw " + count + " distinct injections from these targets and operators; got " + out.size());
            }
            Target target = targets.get(random.nextInt(targets.size()));
            OperatorChoice op = pick(operators, random.nextInt(totalWeight));
            InjectionSpec spec = InjectionSpec.of(target, op.operator(), op.parameters(), trigger, random.nextLong());
            if (ids.add(spec.id())) {
                out.add(spec);
            }
        }
        return out;
    }

    private static OperatorChoice pick(List<OperatorChoice> operators, int ticket) {
        for (OperatorChoice c : operators) {
            ticket -= c.weight();
            if (ticket < 0) {
                return c;
            }
        }
        throw new IllegalStateException("weights do not add up");
    }

    /** The Random an operator draws from for this spec. */
    public static Random randomFor(InjectionSpec spec) {
        return new Random(spec.seed());
    }
}
