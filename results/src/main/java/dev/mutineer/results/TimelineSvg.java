package dev.mutineer.results;

import dev.mutineer.classifier.observation.HistoryEvent;

import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link Timeline} as one inline SVG: a lane per signal on a shared time axis, its golden band shaded
 * green, a lane of symptom spans on top and a strip of the history's changes below; the injection (dashed) and
 * the first symptom (red) as lines across all lanes. No script: details are in SVG titles, which browsers show on
 * hover. Coordinates are whole pixels, so that thousands of charts stay a few kilobytes each.
 */
final class TimelineSvg {

    static final int WIDTH = 760;
    private static final int LEFT = 150;
    private static final int RIGHT = 16;
    private static final int PLOT = WIDTH - LEFT - RIGHT;
    private static final int SYMPTOM_ROW = 6;
    private static final int SYMPTOM_ROWS = 6;
    private static final int LANE = 42;
    private static final int GAP = 8;
    private static final int CHANGE_ROW = 7;
    private static final int AXIS = 18;

    private TimelineSvg() {
    }

    static String render(Timeline t) {
        List<HistoryEvent.Change> changeRows = List.of(HistoryEvent.Change.ADDED, HistoryEvent.Change.MODIFIED,
                HistoryEvent.Change.DELETED);
        int symptomLane = symptomLane(t);
        int changesTop = symptomLane + GAP + t.series().size() * (LANE + GAP);
        int height = changesTop + changeRows.size() * CHANGE_ROW + 4 + AXIS;
        StringBuilder svg = new StringBuilder(4096);
        svg.append(String.format(Locale.ROOT, "<svg class=\"timeline\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">"
                + "<title>what changed from the injection to the end of the %s s window</title>", WIDTH, height, WIDTH, height, secs(t.windowMillis())));
        symptoms(svg, t, symptomLane);
        int top = symptomLane + GAP;
        for (Timeline.Series s : t.series()) {
            lane(svg, t, s, top);
            top += LANE + GAP;
        }
        changes(svg, t, changesTop, changeRows);
        axis(svg, t, height - AXIS);
        int bottom = height - AXIS;
        if (t.firstSymptomMillis() != null) {
            int fx = x(t, t.firstSymptomMillis());
            svg.append(String.format(Locale.ROOT, "<line class=\"first\" x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\"><title>first symptom at +%s s</title></line>",
                    fx, fx, bottom, secs(t.firstSymptomMillis())));
        }
        // The injection's line over the first symptom's: both are at 0 when the first sample already shows it.
        int ix = x(t, t.startMillis());
        svg.append(String.format(Locale.ROOT, "<line class=\"inj\" x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\"><title>injection: the fault was written just before the watches started, %s s before the first sample</title></line>",
                ix, ix, bottom, secs(-t.startMillis())));
        if (t.startMillis() < 0) {
            int zx = x(t, 0);
            svg.append(String.format(Locale.ROOT, "<line class=\"zero\" x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\"><title>first sample</title></line>", zx, zx, bottom));
        }
        return svg.append("</svg>").toString();
    }

    /** One row per symptom (up to {@link #SYMPTOM_ROWS}, then they share rows), so that overlapping spans stay apart. */
    private static int symptomLane(Timeline t) {
        return Math.max(2, Math.min(SYMPTOM_ROWS, t.symptoms().size())) * SYMPTOM_ROW + 6;
    }

    private static void symptoms(StringBuilder svg, Timeline t, int height) {
        label(svg, height / 2 + 4, "symptoms", t.symptoms().isEmpty() ? "none" : Integer.toString(t.symptoms().size()));
        for (int i = 0; i < t.symptoms().size(); i++) {
            Timeline.SymptomSpan s = t.symptoms().get(i);
            int from = x(t, s.from());
            int w = Math.max(3, x(t, s.to()) - from);
            String color = s.indicates() == null ? "#b0bec5" : SvgCharts.color(s.indicates());
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>",
                    from, 3 + (i % SYMPTOM_ROWS) * SYMPTOM_ROW, w, SYMPTOM_ROW - 1, color, SvgCharts.escape(s.text())));
        }
    }

    private static void lane(StringBuilder svg, Timeline t, Timeline.Series s, int top) {
        Scale scale = Scale.of(s);
        String golden = s.band() == null ? "no golden band" : "golden " + range(s, s.band().low(), s.band().high());
        String seen = s.points().isEmpty() ? "never read" : "seen " + range(s, s.min(), s.maxSeen());
        label(svg, top + LANE / 2 - 2, s.name(), golden, seen);
        svg.append(String.format(Locale.ROOT, "<rect class=\"lane\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>", LEFT, top, PLOT, LANE));
        if (s.band() != null) {
            int hi = y(top, scale, s.band().high());
            int lo = y(top, scale, s.band().low());
            // A band of one value is a halo around the line, wide enough to see behind it.
            int pad = Math.max(1, (6 - (lo - hi)) / 2);
            svg.append(String.format(Locale.ROOT, "<rect class=\"band\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"><title>%s</title></rect>",
                    LEFT, hi - pad, PLOT, lo - hi + 2 * pad, golden));
        }
        StringBuilder line = new StringBuilder();
        StringBuilder outside = new StringBuilder();
        int gap = 0;
        for (int i = 0; i < s.points().size(); i++) {
            Timeline.Point p = s.points().get(i);
            // A sample in which the signal could not be read between two points breaks the line there.
            while (gap < s.gaps().size() && s.gaps().get(gap) < p.t()) {
                gap++;
                flush(svg, line);
            }
            int px = x(t, p.t());
            int py = y(top, scale, p.value());
            line.append(px).append(',').append(py).append(' ');
            if (s.band() != null && (p.value() < s.band().low() || p.value() > s.band().high())) {
                outside.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"2.5\"><title>+%s s: %s</title></circle>",
                        px, py, secs(p.t()), value(s, p.value())));
            }
        }
        flush(svg, line);
        svg.append(outside);
        for (long g : s.gaps()) {
            svg.append(String.format(Locale.ROOT, "<rect class=\"unread\" x=\"%d\" y=\"%d\" width=\"3\" height=\"%d\"><title>+%s s: not readable</title></rect>",
                    x(t, g) - 1, top, LANE, secs(g)));
        }
    }

    private static void flush(StringBuilder svg, StringBuilder line) {
        if (line.length() > 0) {
            svg.append("<polyline points=\"").append(line, 0, line.length() - 1).append("\"/>");
            line.setLength(0);
        }
    }

    private static void changes(StringBuilder svg, Timeline t, int top, List<HistoryEvent.Change> rows) {
        int total = t.changes().stream().mapToInt(TimelineChanges::count).sum();
        label(svg, top + 2 * CHANGE_ROW, "history changes", !t.historyRecorded() ? "not recorded" : total == 0 ? "none" : Integer.toString(total));
        int slot = x(t, t.startMillis() + 1000) - x(t, t.startMillis());
        for (TimelineChanges c : t.changes()) {
            int row = rows.indexOf(c.type());
            int cx = x(t, c.second() * 1000);
            svg.append(String.format(Locale.ROOT, "<rect class=\"c%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"><title>%+d s: %d %s (%s)%s</title></rect>",
                    c.type().name().charAt(0), cx, top + row * CHANGE_ROW, Math.max(2, slot - 1), CHANGE_ROW - 1,
                    c.second(), c.count(), c.type().name(), c.kinds(),
                    SvgCharts.escape(": " + String.join(", ", c.names()) + (c.count() > c.names().size() ? ", ..." : ""))));
        }
    }

    private static void axis(StringBuilder svg, Timeline t, int top) {
        long seconds = Math.max(1, (t.windowMillis() - t.startMillis() + 999) / 1000);
        long step = seconds <= 14 ? 1 : seconds <= 30 ? 5 : seconds <= 120 ? 10 : 60;
        for (long s = -Math.floorDiv(-t.startMillis(), 1000L * step) * step; s * 1000 <= t.windowMillis(); s += step) {
            svg.append(String.format(Locale.ROOT, "<text class=\"ax\" x=\"%d\" y=\"%d\">%d s</text>",
                    x(t, s * 1000), top + 13, s));
        }
    }

    private static void label(StringBuilder svg, int y, String name, String... details) {
        svg.append(String.format(Locale.ROOT, "<text class=\"l\" x=\"%d\" y=\"%d\">%s", LEFT - 8, y - 4, SvgCharts.escape(name)));
        for (String d : details) {
            svg.append(String.format(Locale.ROOT, "<tspan x=\"%d\" dy=\"12\">%s</tspan>", LEFT - 8, SvgCharts.escape(d)));
        }
        svg.append("</text>");
    }

    private static String range(Timeline.Series s, double low, double high) {
        return value(s, low) + (low == high ? "" : ".." + value(s, high));
    }

    private static int x(Timeline t, long millis) {
        long span = Math.max(1, t.windowMillis() - t.startMillis());
        return LEFT + (int) Math.round((double) PLOT * (Math.max(t.startMillis(), millis) - t.startMillis()) / span);
    }

    private static int y(int top, Scale scale, double value) {
        return top + LANE - 3 - (int) Math.round((LANE - 6) * (value - scale.low()) / (scale.high() - scale.low()));
    }

    /**
     * A lane's value range: a share from 0 to 100%; a count zoomed to what it and its band took, so that one pod less
     * of twenty shows, with room above and below.
     */
    private record Scale(double low, double high) {
        static Scale of(Timeline.Series s) {
            if (s.share()) {
                return new Scale(0, 1);
            }
            double low = s.band() == null ? s.min() : Math.min(s.min(), s.band().low());
            double high = s.max();
            double pad = Math.max(1, (high - low) * 0.15);
            return new Scale(Math.max(0, low - pad), high + pad);
        }
    }

    private static String value(Timeline.Series s, double v) {
        return s.share() ? String.format(Locale.ROOT, "%.1f%%", v * 100) : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String secs(long millis) {
        return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }
}
