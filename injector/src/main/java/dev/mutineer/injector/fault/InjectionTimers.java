package dev.mutineer.injector.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The timers of one injection. A fault that ends by itself after a while (a component resumed after
 * {@code duration}) schedules here, and {@link #cancelAll} when the injection ends takes back whatever has not
 * fired: a timer of one injection must never act in the middle of the next one.
 */
public final class InjectionTimers implements AutoCloseable {

    private static final ScheduledExecutorService SHARED = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mutineer-injection-timers");
        t.setDaemon(true);
        return t;
    });

    private final ScheduledExecutorService scheduler;
    private final List<ScheduledFuture<?>> pending = new ArrayList<>();

    public InjectionTimers(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Timers on a daemon thread shared by all injections (each injection still cancels its own). */
    public static InjectionTimers create() {
        return new InjectionTimers(SHARED);
    }

    public synchronized ScheduledFuture<?> after(Duration delay, Runnable action) {
        ScheduledFuture<?> f = scheduler.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
        pending.add(f);
        return f;
    }

    /** Cancels every timer that has not fired yet. */
    public synchronized void cancelAll() {
        pending.forEach(f -> f.cancel(false));
        pending.clear();
    }

    @Override
    public void close() {
        cancelAll();
    }
}
