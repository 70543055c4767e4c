package dev.mutineer.injector.inflight;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A rule as installed: its count of matches, its window, its evidence. */
public final class ActiveRule {

    private final Rule rule;
    private final long endsAtNanos;
    private final Random draws;
    /** Operators draw their choices from here, so the nth mutation is the same in every run. */
    private final Random mutations;
    private final List<Firing> evidence = new ArrayList<>();
    private long matches;
    private volatile boolean cleared;

    ActiveRule(Rule rule) {
        this.rule = rule;
        this.endsAtNanos = rule.window().map(w -> System.nanoTime() + w.toNanos()).orElse(Long.MAX_VALUE);
        this.draws = new Random(rule.count() instanceof Count.WithProbability p ? p.seed() : 0);
        this.mutations = new Random(rule.action() instanceof Action.MutateValue m ? m.seed() : 0);
    }

    public Rule rule() {
        return rule;
    }

    public String id() {
        return rule.id();
    }

    public boolean active() {
        return !cleared && System.nanoTime() < endsAtNanos;
    }

    /** Counts one matching request and says whether the rule acts on it. */
    synchronized boolean fires() {
        matches++;
        if (rule.count() instanceof Count.Nth n) {
            return matches == n.n();
        }
        if (rule.count() instanceof Count.WithProbability p) {
            return draws.nextDouble() < p.p();
        }
        return true;
    }

    Random mutationRandom() {
        return mutations;
    }

    void clear() {
        cleared = true;
    }

    long endsAtNanos() {
        return endsAtNanos;
    }

    void record(String method, String key, long revision, String effect) {
        synchronized (evidence) {
            evidence.add(new Firing(Instant.now(), rule.id(), method, key, revision, effect));
        }
    }

    /** What this rule did so far, oldest first. */
    public List<Firing> evidence() {
        synchronized (evidence) {
            return List.copyOf(evidence);
        }
    }

    public synchronized long matches() {
        return matches;
    }
}
