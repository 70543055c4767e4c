package dev.mutineer.campaign.run;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.results.JournalRecord;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a campaign tells the user while it runs: a progress bar (done/total, ETA, counts per class) on a
 * terminal, one plain line per injection otherwise (logs, CI), where a redrawn bar would be noise.
 */
public abstract class Progress implements AutoCloseable {

    protected final Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    protected int done;
    protected int total;
    private int doneAtStart;
    private long startedNanos;

    /** A bar on a terminal (drawn on stderr); otherwise plain lines to {@code out}. */
    public static Progress forConsole(PrintWriter out) {
        return System.console() != null ? new Bar() : new Lines(out);
    }

    public static Progress lines(PrintStream out) {
        return new Lines(new PrintWriter(out, true));
    }

    /** The campaign's size is known (after planning); {@code alreadyDone} were recorded by an earlier run. */
    public void start(int totalInjections, int alreadyDone) {
        this.total = totalInjections;
        this.done = alreadyDone;
        this.doneAtStart = alreadyDone;
        this.startedNanos = System.nanoTime();
    }

    /** A later variant planned another number of injections than estimated: the campaign's size is now this. */
    public void resize(int totalInjections) {
        this.total = totalInjections;
    }

    /** {@code cluster} names the cluster that ran it when several run side by side; empty when one does. */
    public void recorded(JournalRecord r, PhaseTimes phases, String cluster) {
        done++;
        counts.merge(r.outcome(), 1, Integer::sum);
    }

    /** A step outside the injections: cluster start, golden runs. */
    public abstract void note(String message);

    /**
     * The time left at the rate of this run so far ({@code recordedHere} in {@code elapsed}) for {@code left} more;
     * empty before the first record of this run (a resumed run's earlier records say nothing of this machine's rate).
     */
    static java.util.Optional<Duration> eta(int recordedHere, Duration elapsed, int left) {
        if (recordedHere <= 0 || left < 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Duration.ofMillis(Math.round(elapsed.toMillis() * (double) left / recordedHere)));
    }

    /** "ETA 1h05m", "ETA 3m20s", "ETA 40s"; empty text when there is no estimate yet. */
    static String etaText(java.util.Optional<Duration> eta) {
        if (eta.isEmpty()) {
            return "";
        }
        long s = eta.get().toSeconds();
        String text = s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
        return "ETA " + text;
    }

    String etaText() {
        return etaText(eta(done - doneAtStart, Duration.ofNanos(System.nanoTime() - startedNanos), total - done));
    }

    /** Counts per class so far, most frequent first: a terminal too narrow for all of them cuts the rarest. */
    String countsText() {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<Outcome, Integer>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    @Override
    public abstract void close();

    static final class Lines extends Progress {
        private final PrintWriter out;

        Lines(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void recorded(JournalRecord r, PhaseTimes phases, String cluster) {
            super.recorded(r, phases, cluster);
            String eta = done < total ? etaText() : "";
            out.printf("[%d/%d%s] %s %s %s %s -> %s (%.1f s%s)%n", done, total, eta.isEmpty() ? "" : " " + eta, r.id(),
                    r.operator(), r.kind() + " " + r.object(), r.fieldPath().isEmpty() ? "" : r.fieldPath(), r.outcome(),
                    phases.totalMillis() / 1000.0, cluster.isEmpty() ? "" : " on " + cluster);
            // The classes so far, every tenth record and at the end: a log reader sees the campaign's shape as it goes.
            if (done % 10 == 0 || done == total) {
                out.println("mutineer: " + done + "/" + total + " so far: " + countsText());
            }
            out.flush();
        }

        @Override
        public void note(String message) {
            out.println("mutineer: " + message);
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }

    static final class Bar extends Progress {
        private ProgressBar bar;

        @Override
        public void start(int totalInjections, int alreadyDone) {
            super.start(totalInjections, alreadyDone);
            bar = new ProgressBarBuilder().setTaskName("injections").setInitialMax(totalInjections)
                    .setStyle(ProgressBarStyle.ASCII).startsFrom(alreadyDone, Duration.ZERO).continuousUpdate().build();
        }

        @Override
        public void resize(int totalInjections) {
            super.resize(totalInjections);
            bar.maxHint(totalInjections);
        }

        @Override
        public void recorded(JournalRecord r, PhaseTimes phases, String cluster) {
            super.recorded(r, phases, cluster);
            bar.stepTo(done);
            bar.setExtraMessage(countsText());
        }

        @Override
        public void note(String message) {
            if (bar == null) {
                System.err.println("mutineer: " + message);
            } else {
                bar.setExtraMessage(message);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
