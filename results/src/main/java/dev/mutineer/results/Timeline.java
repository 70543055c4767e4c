package dev.mutineer.results;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.Symptom;
import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.baseline.ClientBaseline;
import dev.mutineer.classifier.baseline.Range;
import dev.mutineer.classifier.baseline.ServiceBaseline;
import dev.mutineer.classifier.baseline.WorkloadBaseline;
import dev.mutineer.classifier.observation.HistoryEvent;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.classifier.observation.Sample;
import dev.mutineer.classifier.observation.ServiceStatus;
import dev.mutineer.classifier.observation.WorkloadStatus;
import dev.mutineer.cluster.resource.ResourceKinds;
import dev.mutineer.cluster.traffic.ClientSecond;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * What one injection's window showed over time, for the report's timeline: the cluster's totals per sample and the
 * clients' success per second, each against its golden band, with the injection, the symptoms and the history's
 * changes marked. Derived from the recorded observation, the verdict's symptoms and the recorded baseline alone;
 * nothing is judged again here. Times are milliseconds since the observation's first sample (the samples' time base).
 * The fault is written (or an in-flight fault armed) just before the observation starts its watches, whose initial
 * lists the history records as LISTED before the first sample: the timeline starts there, at the injection, so the
 * changes the watches saw before the first sample are on it.
 *
 * <p>Totals, not one line per object, so that a chart stays small whatever the workload: pods and ready replicas
 * summed over the root workloads (those without a controlling owner; a Deployment counts its ReplicaSets' pods),
 * ready endpoints over the Services with a selector. Their band is the sum of the golden ranges of the same
 * objects: every golden sample's total lies inside it (it can be wider than any golden total was).
 *
 * @param startMillis  where the timeline starts, 0 or before: when the history's watches started (just after the
 *                     fault was written), or the earliest symptom when earlier; 0 without a history
 * @param windowMillis the observation's window (or the last time shown, when later)
 * @param series       pods, ready replicas, endpoints, and client success when traffic ran; in that order
 * @param symptoms     the verdict's symptoms, as spans from first to last seen
 * @param firstSymptomMillis when the first decisive symptom showed; null when none did
 * @param changes      the history's changes, binned per second and change type
 * @param historyRecorded false for an observation recorded before the history was (it has none, not even the
 *                     watches' initial lists)
 */
public record Timeline(long startMillis, long windowMillis, List<Series> series, List<SymptomSpan> symptoms, Long firstSymptomMillis,
                       List<TimelineChanges> changes, boolean historyRecorded) {

    public static final String PODS = "pods";
    public static final String READY = "ready replicas";
    public static final String ENDPOINTS = "ready endpoints";
    public static final String CLIENT = "client success";

    public Timeline {
        series = List.copyOf(series);
        symptoms = List.copyOf(symptoms);
        changes = List.copyOf(changes);
    }

    /**
     * One signal over the window.
     *
     * @param name   what it counts
     * @param share  true for a share between 0 and 1 (client success), false for a count
     * @param points in time order; a sample in which the signal could not be read has none (the line breaks)
     * @param gaps   the times of those unreadable samples, where the line breaks
     * @param band   the golden band; null when the baseline gives none
     */
    public record Series(String name, boolean share, List<Point> points, List<Long> gaps, Band band) {
        public Series {
            points = List.copyOf(points);
            gaps = List.copyOf(gaps);
        }

        /** The largest value shown, of the points and the band. */
        public double max() {
            double m = band == null ? 0 : band.high();
            for (Point p : points) {
                m = Math.max(m, p.value());
            }
            return m;
        }

        /** The smallest value seen; 0 when none was read. */
        public double min() {
            return points.stream().mapToDouble(Point::value).min().orElse(0);
        }

        /** The largest value seen; 0 when none was read. */
        public double maxSeen() {
            return points.stream().mapToDouble(Point::value).max().orElse(0);
        }

        /** Whether some point lies outside the band. */
        public boolean leavesBand() {
            return band != null && points.stream().anyMatch(p -> p.value() < band.low() || p.value() > band.high());
        }
    }

    public record Point(long t, double value) {
    }

    /** The golden band: the values a healthy window stays within. */
    public record Band(double low, double high) {
    }

    /**
     * One symptom of the verdict.
     *
     * @param indicates the class it points to; null for an informational one
     */
    public record SymptomSpan(long from, long to, Outcome indicates, String text) {
    }

    /**
     * The timeline of a record: empty when the record kept no observation (a campaign that does not keep them, or a
     * fault that never took effect).
     *
     * @param baseline the golden baseline of the record's variant; null when none was recorded (no bands then)
     */
    public static Optional<Timeline> of(JournalRecord record, Baseline baseline) {
        Observation o = record.observation();
        if (o == null || o.samples().isEmpty()) {
            return Optional.empty();
        }
        List<Series> series = new ArrayList<>();
        series.add(perSample(o, PODS, Timeline::workloadsReadable, rootSum(WorkloadStatus::pods),
                baseline == null ? null : workloadBand(baseline, WorkloadBaseline::pods)));
        series.add(perSample(o, READY, Timeline::workloadsReadable, rootSum(WorkloadStatus::ready),
                baseline == null ? null : workloadBand(baseline, WorkloadBaseline::ready)));
        series.add(perSample(o, ENDPOINTS,
                s -> s.readable("services") && s.readable("endpointslices"),
                s -> s.services().stream().filter(v -> v.selector() != null).mapToInt(ServiceStatus::readyEndpoints).sum(),
                baseline == null ? null : endpointBand(baseline)));
        if (!o.client().isEmpty()) {
            series.add(client(o, baseline));
        }
        List<SymptomSpan> spans = record.symptoms().stream()
                .map(s -> new SymptomSpan(s.firstSeenMillis(), Math.max(s.firstSeenMillis(), s.lastSeenMillis()),
                        s.indicates(), s.describe()))
                .toList();
        long start = 0;
        for (HistoryEvent e : o.history()) {
            start = Math.min(start, e.t());
        }
        for (Symptom s : record.symptoms()) {
            start = Math.min(start, s.firstSeenMillis());
        }
        long end = o.windowMillis();
        for (Series s : series) {
            for (Point p : s.points()) {
                end = Math.max(end, p.t());
            }
        }
        for (Symptom s : record.symptoms()) {
            end = Math.max(end, s.lastSeenMillis());
        }
        return Optional.of(new Timeline(start, end, series, spans, record.timeToFirstSymptomMillis(),
                TimelineChanges.of(o.history()), !o.history().isEmpty()));
    }

    private static Series perSample(Observation o, String name, Predicate<Sample> readable,
                                    ToIntFunction<Sample> value, Band band) {
        List<Point> points = new ArrayList<>();
        List<Long> gaps = new ArrayList<>();
        for (Sample s : o.samples()) {
            if (readable.test(s)) {
                points.add(new Point(s.t(), value.applyAsInt(s)));
            } else {
                gaps.add(s.t());
            }
        }
        return new Series(name, false, points, gaps, band);
    }

    /** Every workload kind's LIST and the pods' succeeded: the workloads' counters (pods among them) are complete. */
    private static boolean workloadsReadable(Sample s) {
        return s.readable("pods") && ResourceKinds.workloads().stream().allMatch(k -> s.readable(k.resource()));
    }

    private static ToIntFunction<Sample> rootSum(ToIntFunction<WorkloadStatus> counter) {
        return s -> s.workloads().stream().filter(w -> w.owner() == null).mapToInt(counter).sum();
    }

    private static Band workloadBand(Baseline b, Function<WorkloadBaseline, Range> range) {
        return sum(b.workloads().values().stream().filter(w -> w.owner() == null).map(range).toList());
    }

    private static Band endpointBand(Baseline b) {
        return sum(b.services().values().stream().filter(ServiceBaseline::hasSelector)
                .map(ServiceBaseline::readyEndpoints).toList());
    }

    private static Band sum(List<Range> ranges) {
        long low = 0;
        long high = 0;
        for (Range r : ranges) {
            low += r.min();
            high += r.max();
        }
        return new Band(low, high);
    }

    /** Per client second: the share of its requests that succeeded, at the second's start. */
    private static Series client(Observation o, Baseline baseline) {
        List<Point> points = new ArrayList<>();
        for (ClientSecond s : o.client()) {
            points.add(new Point(o.millisSinceStart(s), s.availability()));
        }
        ClientBaseline golden = baseline == null ? null : baseline.client();
        return new Series(CLIENT, true, points, List.of(),
                golden == null ? null : new Band(golden.minSecondAvailability(), 1.0));
    }
}
