package dev.mutineer.campaign.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Samples the pod counts on a timer from the moment the pod watch is held, tagging each sample with the
 * scenario's phase, and keeps the marks of the steps in between. One per run.
 */
final class PodCountRecorder implements AutoCloseable {

    private final PodCounter counter;
    private final Consumer<PodCountSample> onSample;
    private final long t0 = System.nanoTime();
    private final List<PodCountSample> samples = new ArrayList<>();
    private final List<ScenarioMark> marks = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mutineer-scenario-sampler");
        t.setDaemon(true);
        return t;
    });
    private volatile String phase = "steady";

    PodCountRecorder(PodCounter counter, Consumer<PodCountSample> onSample) {
        this.counter = counter;
        this.onSample = onSample;
    }

    void start(java.time.Duration every) {
        timer.scheduleAtFixedRate(this::sample, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Records a step of the scenario; later samples carry the phase it starts. */
    synchronized void mark(String label, String nextPhase) {
        marks.add(new ScenarioMark(elapsedMillis(), label));
        phase = nextPhase;
    }

    /** One sample now (also called by the timer); the latest one is returned. */
    PodCountSample sample() {
        PodCountSample s;
        try {
            s = new PodCountSample(elapsedMillis(), phase, counter.inEtcd(), counter.inApiCache());
        } catch (RuntimeException e) {
            // one failed etcd read must not end the time line
            return null;
        }
        synchronized (this) {
            samples.add(s);
        }
        onSample.accept(s);
        return s;
    }

    /** In time order (the timer and the caller both sample; their appends can cross). */
    synchronized List<PodCountSample> samples() {
        return samples.stream().sorted(java.util.Comparator.comparingLong(PodCountSample::atMillis)).toList();
    }

    synchronized List<ScenarioMark> marks() {
        return List.copyOf(marks);
    }

    long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
