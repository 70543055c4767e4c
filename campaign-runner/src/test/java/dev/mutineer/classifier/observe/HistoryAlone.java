package dev.mutineer.classifier.observe;

import dev.mutineer.classifier.observation.HistoryEvent;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;

/**
 * The history recorder without the samples, for {@code bench.HistoryCostBenchmark}: the recorder is package-private
 * in the failure-classifier, and the benchmark needs a cluster with the campaign's workload, which only the
 * campaign-runner starts. Records as the observer does: the first lists (at most the request timeout), then the
 * window, then stop.
 */
public final class HistoryAlone {

    private HistoryAlone() {
    }

    public static List<HistoryEvent> record(KubernetesClient client, ObserverConfig config) throws InterruptedException {
        HistoryRecorder recorder = new HistoryRecorder(client, config.namespaces(), config.interval().toMillis());
        recorder.start();
        recorder.awaitFirstAttempts(config.requestTimeout().toMillis());
        long origin = System.nanoTime();
        Thread.sleep(config.window().toMillis());
        return recorder.stop(origin);
    }
}
