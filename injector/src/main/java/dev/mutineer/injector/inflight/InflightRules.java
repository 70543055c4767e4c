package dev.mutineer.injector.inflight;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The rules an interposer applies, installed and cleared while it runs. A rule past its window stays
 * listed with its evidence until it is cleared; clearing hands the rule back (its evidence, and what
 * watch events it held add when they are let go) and forgets it, so a long campaign keeps no more
 * rules than it has in force.
 */
public final class InflightRules {

    private final Map<String, ActiveRule> byId = new ConcurrentHashMap<>();
    /** The rules in force, read on every request: an immutable snapshot swapped on change. */
    private volatile List<ActiveRule> installed = List.of();
    private final Set<Runnable> releaseListeners = new CopyOnWriteArraySet<>();
    private final ScheduledExecutorService timer;

    InflightRules(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Installs a rule; it acts on requests from now on. Ids are unique among installed rules. */
    public synchronized ActiveRule install(Rule rule) {
        if (byId.containsKey(rule.id()) && byId.get(rule.id()).active()) {
            throw new IllegalArgumentException("a rule with id " + rule.id() + " is already installed");
        }
        ActiveRule active = new ActiveRule(rule);
        byId.put(rule.id(), active);
        List<ActiveRule> next = new ArrayList<>(installed);
        next.removeIf(r -> r.id().equals(rule.id()));
        next.add(active);
        installed = List.copyOf(next);
        rule.window().ifPresent(w -> timer.schedule(this::released, w.toNanos(), TimeUnit.NANOSECONDS));
        return active;
    }

    /**
     * Ends a rule and forgets it: it acts no more, watch events it held are sent on in order, and the
     * rule returned is the caller's record of what it did.
     */
    public synchronized ActiveRule clear(String id) {
        ActiveRule r = byId.remove(id);
        if (r == null) {
            throw new IllegalArgumentException("no rule with id " + id + "; installed: " + byId.keySet());
        }
        r.clear();
        released();
        return r;
    }

    /** Ends and forgets every rule; returns them, by id. */
    public synchronized List<ActiveRule> clearAll() {
        List<ActiveRule> all = all();
        all.forEach(r -> byId.remove(r.id()).clear());
        released();
        return all;
    }

    public Optional<ActiveRule> rule(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every rule not yet cleared, in force or past its window, by id. */
    public List<ActiveRule> all() {
        return byId.values().stream().sorted(Comparator.comparing(ActiveRule::id)).toList();
    }

    /** The evidence of every rule not yet cleared, oldest first. */
    public List<Firing> evidence() {
        return byId.values().stream().flatMap(r -> r.evidence().stream())
                .sorted(Comparator.comparing(Firing::at)).toList();
    }

    /** Rules in force for this method; empty (and cheap) when none is. */
    List<ActiveRule> activeFor(String method) {
        List<ActiveRule> snapshot = installed;
        if (snapshot.isEmpty()) {
            return List.of();
        }
        List<ActiveRule> out = new ArrayList<>(2);
        for (ActiveRule r : snapshot) {
            if (r.active() && r.rule().selector().matchesMethod(method)) {
                out.add(r);
            }
        }
        return out;
    }

    void onRelease(Runnable listener) {
        releaseListeners.add(listener);
    }

    void removeReleaseListener(Runnable listener) {
        releaseListeners.remove(listener);
    }

    /** A rule ended: drop it from the snapshot and let every watch send what it no longer has to hold. */
    private synchronized void released() {
        installed = installed.stream().filter(ActiveRule::active).toList();
        releaseListeners.forEach(Runnable::run);
    }
}
