package dev.mutineer.campaign.run;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The injections of one variant still to run, in plan order, handed to whichever cluster asks first: each
 * exactly once, at most {@code budget} in all (--max-injections), none after {@link #close()}. The IDs are the serial
 * run's (plan x repetitions, {@link ResultRecords#journalId}), so only the order of execution depends on the clusters.
 */
final class InjectionQueue {

    /** One run of a planned injection: its journal ID and repetition. */
    record Work(PlannedInjection injection, String id, int repetition) {
    }

    private final Deque<Work> pending = new ArrayDeque<>();
    private final int skipped;
    private final InjectionBudget budget;
    private boolean closed;

    /**
     * @param done   IDs the journal already holds (--resume): skipped
     * @param budget how many this queue may still hand out
     */
    InjectionQueue(List<PlannedInjection> plan, String variant, boolean manyVariants, int repetitions, Set<String> done, int budget) {
        this(plan, variant, manyVariants, repetitions, done, new InjectionBudget(budget));
    }

    /** As above, drawing from a budget shared with the queues of other variants that run at the same time. */
    InjectionQueue(List<PlannedInjection> plan, String variant, boolean manyVariants, int repetitions, Set<String> done,
                   InjectionBudget budget) {
        int skip = 0;
        for (PlannedInjection p : plan) {
            for (int rep = 1; rep <= repetitions; rep++) {
                String id = ResultRecords.journalId(p.id(), variant, manyVariants, rep);
                if (done.contains(id)) {
                    skip++;
                } else {
                    pending.add(new Work(p, id, rep));
                }
            }
        }
        this.skipped = skip;
        this.budget = budget;
    }

    /** The next injection to run, empty when none is left, the budget is spent or the queue is closed. */
    synchronized Optional<Work> next() {
        if (closed || pending.isEmpty() || !budget.take()) {
            return Optional.empty();
        }
        return Optional.of(pending.poll());
    }

    /** Hands out nothing more (a stop, or a cluster that failed). */
    synchronized void close() {
        closed = true;
    }

    /** Recorded by an earlier run. */
    int skipped() {
        return skipped;
    }

    synchronized int left() {
        return pending.size();
    }
}
