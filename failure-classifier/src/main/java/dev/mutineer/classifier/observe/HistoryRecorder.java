package dev.mutineer.classifier.observe;

import dev.mutineer.classifier.observation.HistoryEvent;
import dev.mutineer.classifier.observation.HistoryEvent.Change;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Records the {@link HistoryEvent}s of one observation window: for each watched type (pods, the workload kinds and
 * their ControllerRevisions, Jobs (owners whose absence the orphan rule judges), Services, EndpointSlices and Events
 * in the observed namespaces; nodes) one
 * LIST, whose objects are recorded as LISTED, then a
 * WATCH from the list's resourceVersion, so nothing that changes between the list and the watch is lost. A watch
 * the server ends (410 Gone, a type that became unreadable) is listed and watched again, at most once per retry
 * interval, while the window lasts; fabric8 itself resumes a watch whose connection dropped. Lists and retries run on
 * threads of its own, so a dead API server never takes the sampler's threads.
 *
 * <p>Never throws because the cluster misbehaves: a type that cannot be listed is retried until {@link #stop}.
 */
final class HistoryRecorder {

    /** One watched type in one namespace (or all, or cluster-scoped). */
    private record Source(String label, Supplier<FilterWatchListDeletable<? extends HasMetadata, ?, ?>> operation) {
    }

    private record Timed(long nanos, HistoryEvent event) {
    }

    private final List<Source> sources = new ArrayList<>();
    private final List<Timed> events = new ArrayList<>();
    private final List<Watch> watches = new ArrayList<>();
    private final ScheduledExecutorService threads;
    private final long retryMillis;
    /** Counted down once per source, when its first list ended, listed or failed. */
    private final CountDownLatch attempted;
    private final Set<String> listedSources = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    HistoryRecorder(KubernetesClient client, List<String> namespaces, long retryMillis) {
        this.retryMillis = retryMillis;
        List<Class<? extends HasMetadata>> namespaced = List.of(Pod.class, Deployment.class, ReplicaSet.class,
                StatefulSet.class, DaemonSet.class, ControllerRevision.class, Job.class, Service.class,
                EndpointSlice.class, Event.class);
        for (Class<? extends HasMetadata> type : namespaced) {
            if (namespaces.isEmpty()) {
                sources.add(new Source(type.getSimpleName(), () -> client.resources(type).inAnyNamespace()));
            } else {
                for (String ns : namespaces) {
                    sources.add(new Source(type.getSimpleName() + "/" + ns, () -> client.resources(type).inNamespace(ns)));
                }
            }
        }
        sources.add(new Source("Node", client::nodes));
        attempted = new CountDownLatch(sources.size());
        // A thread per source: the first lists all run at once. With 4 threads for 11 sources, a list queued behind
        // slow ones on a loaded machine (8 clusters on 2 cores) ran after the wait and came 6 s into the window,
        // and until then its objects' dependents looked orphaned: 8 of 104 golden runs were not NO_EFFECT.
        threads = Executors.newScheduledThreadPool(sources.size(), r -> {
            Thread t = new Thread(r, "mutineer-history");
            t.setDaemon(true);
            return t;
        });
    }

    /** Lists every type and starts its watch, on the recorder's threads; {@link #awaitFirstAttempts} waits for them. */
    void start() {
        sources.forEach(s -> threads.execute(() -> {
            try {
                listAndWatch(s);
            } finally {
                attempted.countDown();
            }
        }));
    }

    /**
     * Waits at most {@code timeoutMillis} for every type's first list to end; returns the types not listed (their list
     * failed, and is retried, or is still running), empty when all are. A type not listed when the fault starts has
     * its objects recorded from its first list: until then, objects owned by one of them look orphaned.
     */
    List<String> awaitFirstAttempts(long timeoutMillis) {
        try {
            attempted.await(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return sources.stream().map(Source::label).filter(l -> !listedSources.contains(l)).toList();
    }

    /** Stops every watch and returns the events, timed in milliseconds since {@code originNanos}, oldest first. */
    List<HistoryEvent> stop(long originNanos) {
        stopped = true;
        threads.shutdownNow();
        List<Watch> open;
        synchronized (watches) {
            open = List.copyOf(watches);
            watches.clear();
        }
        open.forEach(HistoryRecorder::closeQuietly);
        List<Timed> all;
        synchronized (events) {
            all = new ArrayList<>(events);
        }
        return all.stream().sorted(Comparator.comparingLong(Timed::nanos))
                .map(e -> e.event().at(Math.floorDiv(e.nanos() - originNanos, 1_000_000L))).toList();
    }

    /** One attempt; a failed one is tried again after the retry interval while the window lasts. */
    private void listAndWatch(Source source) {
        if (stopped) {
            return;
        }
        try {
            FilterWatchListDeletable<? extends HasMetadata, ?, ?> op = source.operation().get();
            KubernetesResourceList<? extends HasMetadata> list = (KubernetesResourceList<? extends HasMetadata>) op.list();
            long now = System.nanoTime();
            for (HasMetadata item : list.getItems()) {
                record(now, Change.LISTED, item, source);
            }
            listedSources.add(source.label());
            String rv = list.getMetadata() == null ? null : list.getMetadata().getResourceVersion();
            Watch watch = watch(op, new ListOptionsBuilder().withResourceVersion(rv).build(), source);
            synchronized (watches) {
                if (stopped) {
                    closeQuietly(watch);
                } else {
                    watches.add(watch);
                }
            }
        } catch (RuntimeException e) {
            retryLater(source);
        }
    }

    private void retryLater(Source source) {
        try {
            threads.schedule(() -> listAndWatch(source), retryMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopped meanwhile
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Watch watch(FilterWatchListDeletable op, ListOptions options, Source source) {
        return op.watch(options, new Watcher<HasMetadata>() {
            @Override
            public void eventReceived(Action action, HasMetadata object) {
                Change change = switch (action) {
                    case ADDED -> Change.ADDED;
                    case MODIFIED -> Change.MODIFIED;
                    case DELETED -> Change.DELETED;
                    default -> null;
                };
                if (change != null) {
                    record(System.nanoTime(), change, object, source);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                if (!stopped) {
                    retryLater(source);
                }
            }
        });
    }

    private void record(long nanos, Change change, HasMetadata object, Source source) {
        HistoryEvent event = HistoryDigest.of(change, object.getKind() != null ? object.getKind() : kindOf(source), object);
        synchronized (events) {
            events.add(new Timed(nanos, event));
        }
    }

    private static String kindOf(Source source) {
        int slash = source.label().indexOf('/');
        return slash < 0 ? source.label() : source.label().substring(0, slash);
    }

    private static void closeQuietly(Watch w) {
        try {
            w.close();
        } catch (RuntimeException e) {
            // closing a watch of a dead API server may fail; it is gone either way
        }
    }
}
