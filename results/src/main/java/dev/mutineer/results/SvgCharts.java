package dev.mutineer.results;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.client.ClientImpact;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts for the HTML report: drawn here as text so the page needs no script and no network.
 */
final class SvgCharts {

    private static final int WIDTH = 800;
    private static final int LABEL = 290;
    private static final int BAR = 440;
    private static final int ROW = 24;
    private static final int SERIES_WIDTH = 480;
    private static final int SERIES_HEIGHT = 64;
    private static final int SERIES_PAD = 4;

    private SvgCharts() {
    }

    /** The fill color of an outcome class; the same in charts, badges and the legend. */
    static String color(Outcome o) {
        return switch (o) {
            case NOT_ACTIVATED -> "#9e9e9e";
            case CLUSTER_WIDE -> "#b71c1c";
            case TRANSIENT -> "#f9a825";
            case OVER_PROVISIONING -> "#6a1b9a";
            case UNDER_PROVISIONING -> "#e65100";
            case SERVICE_NETWORKING -> "#1565c0";
            case LATENT -> "#00838f";
            case NO_EFFECT -> "#2e7d32";
        };
    }

    /** The fill color of a client-impact category, in the colors of the outcome classes it resembles. */
    static String color(ClientImpact i) {
        return switch (i) {
            case OUTAGE -> color(Outcome.CLUSTER_WIDE);
            case DEGRADED -> color(Outcome.TRANSIENT);
            case NONE -> color(Outcome.NO_EFFECT);
        };
    }

    /**
     * The share of successful requests per second (0 at the bottom, 100% at the top) as a line; a second the
     * generator did not report (-1) breaks it, a second below 100% gets a red dot.
     */
    static String successPerSecond(List<Double> availability) {
        int n = availability.size();
        double step = n <= 1 ? 0 : (double) (SERIES_WIDTH - 2 * SERIES_PAD) / (n - 1);
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg class=\"series\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">"
                        + "<title>successful requests per second, %d s</title>"
                        + "<line x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"top\"/>",
                SERIES_WIDTH, SERIES_HEIGHT, SERIES_WIDTH, SERIES_HEIGHT, n, SERIES_PAD, SERIES_WIDTH, SERIES_PAD));
        StringBuilder line = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i <= n; i++) {
            double a = i < n ? availability.get(i) : -1;
            if (a < 0) {
                if (line.length() > 0) {
                    svg.append("<polyline points=\"").append(line.toString().trim()).append("\"/>");
                    line.setLength(0);
                }
                continue;
            }
            double x = SERIES_PAD + i * step;
            double y = SERIES_PAD + (1 - a) * (SERIES_HEIGHT - 2 * SERIES_PAD);
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            if (a < 1) {
                dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\"><title>second %d: %.1f%%</title></circle>",
                        x, y, i, a * 100));
            }
        }
        return svg.append(dots).append("</svg>").toString();
    }

    /** One horizontal bar per outcome class, length proportional to its count. */
    static String outcomeBars(Distribution d) {
        int max = 1;
        for (Outcome o : Outcome.values()) {
            max = Math.max(max, d.count(o));
        }
        StringBuilder svg = open(Outcome.values().length);
        int y = 0;
        for (Outcome o : Outcome.values()) {
            int n = d.count(o);
            int w = (int) Math.round((double) BAR * n / max);
            label(svg, y, o.name());
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s: %d</title></rect>",
                    LABEL, y + 4, w, ROW - 8, color(o), o.name(), n));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"v\">%d</text>", LABEL + w + 6, y + ROW - 8, n));
            y += ROW;
        }
        return svg.append("</svg>").toString();
    }

    /** One 100% stacked bar per group, over the group's activated injections. */
    static String stackedBars(List<Distribution> groups) {
        StringBuilder svg = open(groups.size());
        int y = 0;
        for (Distribution d : groups) {
            label(svg, y, d.group());
            double x = LABEL;
            for (Outcome o : Outcome.values()) {
                if (o == Outcome.NOT_ACTIVATED || d.count(o) == 0) {
                    continue;
                }
                double w = BAR * d.share(o);
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s, %s: %d of %d</title></rect>",
                        x, y + 4, w, ROW - 8, color(o), escape(d.group()), o.name(), d.count(o), d.activated()));
                x += w;
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"v\">n=%d</text>", LABEL + BAR + 6, y + ROW - 8, d.activated()));
            y += ROW;
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(int rows) {
        int height = Math.max(rows, 1) * ROW;
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg class=\"chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">", WIDTH, height, WIDTH, height));
    }

    private static void label(StringBuilder svg, int y, String text) {
        String shown = text.length() > 42 ? text.substring(0, 41) + "\u2026" : text;
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"l\" text-anchor=\"end\"><title>%s</title>%s</text>",
                LABEL - 8, y + ROW - 8, escape(text), escape(shown)));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
