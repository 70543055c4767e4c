package dev.mutineer.injector.inflight;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.WatchResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The watch rules on one Watch stream (the API server multiplexes all its watchers of one etcd
 * client over such a stream, told apart by watch id).
 *
 * <p>Consistency: the API server's watch cache takes a response without events (a progress
 * notification) at revision R to mean "you have every event up to R". So once a response of a
 * watcher is held, every later response of that watcher queues behind it in a line of its own,
 * progress notifications included, and leaves in order. A broadcast progress notification (watch
 * id -1, etcd's answer to the API server's RequestProgress) would tell every watcher at once, so
 * while any line is non-empty it is split into one notification per watcher, each queued in its
 * watcher's line. Response headers of other methods do not advance a watcher in the client, so
 * they need no holding.
 */
final class WatchTap implements Tap {

    private static final long BROADCAST = -1;
    /** A partial reorder batch goes out in arrival order after this long. */
    private static final long REORDER_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final InflightRules rules;
    private final Runnable releaseListener = this::releaseDue;
    private final Set<Long> watchers = new LinkedHashSet<>();
    private final Map<Long, Deque<Held>> lines = new HashMap<>();
    private final Map<Long, Batch> reorders = new HashMap<>();
    private ProxiedCall call;
    private volatile boolean closed;

    /** A response waiting in its watcher's line; holder null: it only waits for those before it. */
    private record Held(byte[] message, ActiveRule holder, long releaseAtNanos, long heldAtNanos, String key, long revision) {
    }

    private static final class Batch {
        final ActiveRule rule;
        final long deadlineNanos;
        final List<byte[]> withEvents = new ArrayList<>();
        final List<byte[]> others = new ArrayList<>();

        Batch(ActiveRule rule, long deadlineNanos) {
            this.rule = rule;
            this.deadlineNanos = deadlineNanos;
        }
    }

    WatchTap(InflightRules rules) {
        this.rules = rules;
        rules.onRelease(releaseListener);
    }

    @Override
    public void onResponse(byte[] message, ProxiedCall call) {
        WatchResponse r;
        try {
            r = WatchResponse.parseFrom(message);
        } catch (InvalidProtocolBufferException e) {
            call.toClient(message);
            return;
        }
        synchronized (this) {
            this.call = call;
            long id = r.getWatchId();
            if (r.getCreated()) {
                if (id != BROADCAST && !r.getCanceled()) {
                    watchers.add(id);
                }
                route(id, message);
                return;
            }
            if (id == BROADCAST && isProgress(r)) {
                if (lines.values().stream().allMatch(Deque::isEmpty) && reorders.isEmpty()) {
                    call.toClient(message);
                } else {
                    for (long w : watchers) {
                        route(w, r.toBuilder().setWatchId(w).build().toByteArray());
                    }
                }
                return;
            }
            applyRules(id, r, message);
            if (r.getCanceled()) {
                watchers.remove(id);
            }
        }
    }

    private void applyRules(long id, WatchResponse r, byte[] message) {
        List<ActiveRule> active = r.getEventsCount() == 0 ? List.of() : rules.activeFor(EtcdMethods.WATCH);
        WatchResponse current = r;
        boolean changed = false;
        int copies = 1;
        ActiveRule holder = null;
        long releaseAt = 0;
        ActiveRule reorder = null;
        long now = System.nanoTime();
        for (ActiveRule rule : active) {
            Selector selector = rule.rule().selector();
            List<Event> matching = current.getEventsList().stream().filter(e -> selector.matchesKey(e.getKv().getKey())).toList();
            if (matching.isEmpty() || !rule.fires()) {
                continue;
            }
            String key = key(matching.get(0));
            long revision = matching.get(0).getKv().getModRevision();
            Action action = rule.rule().action();
            if (action instanceof Action.DropWatchEvents) {
                List<Event> kept = current.getEventsList().stream().filter(e -> !selector.matchesKey(e.getKv().getKey())).toList();
                for (Event e : matching) {
                    rule.record(EtcdMethods.WATCH, key(e), e.getKv().getModRevision(), "dropped " + e.getType() + " event");
                }
                if (kept.isEmpty()) {
                    return;
                }
                current = current.toBuilder().clearEvents().addAllEvents(kept).build();
                changed = true;
            } else if (action instanceof Action.DuplicateWatchEvents) {
                copies = 2;
                rule.record(EtcdMethods.WATCH, key, revision, "sent " + matching.size() + " event(s) twice");
            } else if (action instanceof Action.DelayWatch d) {
                holder = rule;
                releaseAt = Math.max(releaseAt, now + d.delay().toNanos());
                rule.record(EtcdMethods.WATCH, key, revision, "delaying " + matching.size() + " event(s) by " + d.delay().toMillis() + " ms");
            } else if (action instanceof Action.HoldWatch) {
                holder = rule;
                releaseAt = Long.MAX_VALUE;
                rule.record(EtcdMethods.WATCH, key, revision, "holding " + matching.size() + " event(s)");
            } else if (action instanceof Action.ReorderWatchEvents) {
                reorder = rule;
            }
        }
        byte[] out = changed ? current.toByteArray() : message;
        for (int i = 0; i < copies; i++) {
            if (reorder != null) {
                addToBatch(id, out, reorder, current);
            } else if (holder != null) {
                Event first = current.getEvents(0);
                enqueue(id, new Held(out, holder, releaseAt, now, key(first), first.getKv().getModRevision()));
            } else {
                route(id, out);
            }
        }
    }

    /** Sends now, or behind what this watcher already has waiting. */
    private void route(long id, byte[] message) {
        Batch batch = reorders.get(id);
        if (batch != null) {
            batch.others.add(message);
            return;
        }
        Deque<Held> line = lines.get(id);
        if (line != null && !line.isEmpty()) {
            line.add(new Held(message, null, 0, System.nanoTime(), "", 0));
            return;
        }
        call.toClient(message);
    }

    private void enqueue(long id, Held held) {
        lines.computeIfAbsent(id, k -> new ArrayDeque<>()).add(held);
        if (held.releaseAtNanos() != Long.MAX_VALUE) {
            call.timer().schedule(releaseListener, held.releaseAtNanos() - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
    }

    private void addToBatch(long id, byte[] message, ActiveRule rule, WatchResponse r) {
        Batch batch = reorders.get(id);
        if (batch == null) {
            batch = new Batch(rule, System.nanoTime() + REORDER_WAIT_NANOS);
            reorders.put(id, batch);
            call.timer().schedule(releaseListener, REORDER_WAIT_NANOS, TimeUnit.NANOSECONDS);
        }
        batch.withEvents.add(message);
        Event first = r.getEvents(0);
        rule.record(EtcdMethods.WATCH, key(first), first.getKv().getModRevision(),
                "reorder batch: event " + batch.withEvents.size() + " of " + ((Action.ReorderWatchEvents) rule.rule().action()).batch());
        if (batch.withEvents.size() >= ((Action.ReorderWatchEvents) rule.rule().action()).batch()) {
            reorders.remove(id);
            List<byte[]> reversed = new ArrayList<>(batch.withEvents);
            Collections.reverse(reversed);
            rule.record(EtcdMethods.WATCH, key(first), first.getKv().getModRevision(), "sent a batch of " + reversed.size() + " in reverse order");
            reversed.forEach(m -> route(id, m));
            batch.others.forEach(m -> route(id, m));
        }
    }

    /** Sends, in order, whatever no longer has to wait: on a timer, or when a rule ends. */
    private synchronized void releaseDue() {
        if (closed || call == null) {
            return;
        }
        long now = System.nanoTime();
        for (Map.Entry<Long, Batch> e : List.copyOf(reorders.entrySet())) {
            Batch b = e.getValue();
            if (now >= b.deadlineNanos || !b.rule.active()) {
                reorders.remove(e.getKey());
                b.rule.record(EtcdMethods.WATCH, "", 0, "sent a partial batch of " + b.withEvents.size() + " in arrival order");
                b.withEvents.forEach(m -> route(e.getKey(), m));
                b.others.forEach(m -> route(e.getKey(), m));
            }
        }
        for (Deque<Held> line : lines.values()) {
            while (!line.isEmpty() && due(line.peek(), now)) {
                Held h = line.poll();
                if (h.holder() != null) {
                    h.holder().record(EtcdMethods.WATCH, h.key(), h.revision(),
                            "released after " + TimeUnit.NANOSECONDS.toMillis(now - h.heldAtNanos()) + " ms");
                }
                call.toClient(h.message());
            }
        }
    }

    private static boolean due(Held h, long now) {
        return h.holder() == null || !h.holder().active() || now >= h.releaseAtNanos();
    }

    private static boolean isProgress(WatchResponse r) {
        return r.getEventsCount() == 0 && !r.getCreated() && !r.getCanceled() && r.getCompactRevision() == 0;
    }

    private static String key(Event e) {
        ByteString k = e.getKv().getKey();
        return k.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void onClose() {
        // No lock here: the call holds its own lock while it closes, and releaseDue takes ours first.
        closed = true;
        rules.removeReleaseListener(releaseListener);
    }
}
