package dev.mutineer.classifier.observe;

import dev.mutineer.classifier.observation.HistoryStart;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.observation.Sample;
import dev.mutineer.cluster.Cluster;
import dev.mutineer.cluster.ComponentExit;
import dev.mutineer.cluster.traffic.Traffic;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Samples a live cluster at a fixed interval for a window and returns what it saw as an {@link Observation}, with
 * the history of the watched objects from the moment it was {@linkplain #readyForFault ready for the fault}.
 * Never throws because the cluster misbehaves: a failing request becomes an API error in the sample.
 *
 * <p>It uses a client of its own, derived from the cluster's, with short timeouts and no retries: the shared
 * client retries with backoff, which would stretch one sample of a dead API server over minutes.
 *
 * <p>With client traffic running against the workload, the observation also holds the traffic's whole seconds of
 * the window ({@link Observation#client()}); the traffic keeps running, its owner closes it.
 */
public final class Observer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Observer.class);

    private final Cluster cluster;
    private final ObserverConfig config;
    private final KubernetesClient client;
    /** Null when no client traffic runs. */
    private final Traffic traffic;
    /** One thread per request of a sample (see {@link ClusterSampler#sample}). */
    /** Null until {@link #startHistory}. */
    private HistoryRecorder history;
    /** {@link System#nanoTime} of {@link #readyForFault}; null before. */
    private Long readyAtNanos;
    private final ExecutorService pool = Executors.newFixedThreadPool(12, r -> {
        Thread t = new Thread(r, "mutineer-observer");
        t.setDaemon(true);
        return t;
    });

    /** An observer of a cluster without client traffic (kwok-only). */
    public Observer(Cluster cluster, ObserverConfig config) {
        this(cluster, config, null);
    }

    /**
     * @param traffic the client traffic running against the cluster's workload, whose seconds of each window go into
     *                the observation; null when none runs
     */
    public Observer(Cluster cluster, ObserverConfig config, Traffic traffic) {
        this.cluster = cluster;
        this.config = config;
        this.traffic = traffic;
        int timeoutMillis = (int) config.requestTimeout().toMillis();
        this.client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(cluster.client().getConfiguration())
                .withRequestRetryBackoffLimit(0)
                .withRequestTimeout(timeoutMillis)
                .withConnectionTimeout(timeoutMillis)
                .build()).build();
        // Open a connection now, so the first sample of the window does not pay for the TLS handshake.
        ClusterSampler.probe(client, "/readyz", config.requestTimeout());
    }

    /**
     * Starts recording the history: its watches' first lists (0.4 to 4 s on a loaded machine) then run during the
     * settle time, not in the window. Started by {@link #readyForFault} when not before.
     */
    public Observer startHistory() {
        if (history == null) {
            history = new HistoryRecorder(client, config.namespaces(), config.interval().toMillis());
            history.start();
        }
        return this;
    }

    /**
     * Waits for the history's first lists (all at once, at most the request timeout) and marks now as the point the history of the
     * window runs from: a fault written after this is seen from its first effect on, and what the watches saw before
     * is folded into one LISTED event per object ({@link HistoryStart}). Called by {@link #observe} when not before.
     */
    public Observer readyForFault() {
        startHistory();
        List<String> unlisted = history.awaitFirstAttempts(config.requestTimeout().toMillis());
        if (!unlisted.isEmpty()) {
            LOG.warn("history: {} not listed yet when the fault starts; their objects are recorded from their first list",
                    String.join(", ", unlisted));
        }
        readyAtNanos = System.nanoTime();
        return this;
    }

    /** Watches for the configured window; blocks that long (plus the last sample). */
    public Observation observe() {
        if (readyAtNanos == null) {
            readyForFault();
        }
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        long interval = config.interval().toMillis();
        long window = config.window().toMillis();
        ClusterSampler sampler = new ClusterSampler(client, cluster, config, startedAt, pool);
        List<Sample> samples = new ArrayList<>();
        long due = 0;
        while (true) {
            sleepUntil(start, due);
            Sample sample = sampler.sample(elapsedMillis(start));
            samples.add(sample);
            if (sample.t() >= window) {
                break;
            }
            due = nextDue(due, elapsedMillis(start), interval, window);
        }
        Instant end = Instant.now();
        Observation observation = new Observation(startedAt, interval, window, samples, sampler.warningEvents(), null,
                exitsSince(cluster, startedAt))
                .withHistory(HistoryStart.from(history.stop(start), Math.floorDiv(readyAtNanos - start, 1_000_000L)));
        return traffic == null ? observation : observation.withClient(ClientWindow.collect(traffic, startedAt, end));
    }

    /** The exits the cluster's supervisor recorded since {@code since}; none when the backend cannot tell. */
    static List<ComponentExit> exitsSince(Cluster cluster, Instant since) {
        try {
            return cluster.exits().stream().filter(e -> !e.exitedAt().isBefore(since)).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /**
     * When the next sample is due. A slow sample must not make the next ones bunch up, so the slots it overran
     * are skipped; whatever was skipped, the window's end is always sampled, because the verdict reads the last
     * sample.
     */
    static long nextDue(long due, long now, long interval, long window) {
        long next = due + interval;
        while (next < now) {
            next += interval;
        }
        return Math.min(next, window);
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void sleepUntil(long startNanos, long dueMillis) {
        long wait = dueMillis - elapsedMillis(startNanos);
        if (wait <= 0) {
            return;
        }
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("observation interrupted", e);
        }
    }

    @Override
    public void close() {
        if (history != null) {
            history.stop(System.nanoTime()); // an observer closed before its window (a fault not activated)
        }
        pool.shutdownNow();
        client.close();
    }
}
