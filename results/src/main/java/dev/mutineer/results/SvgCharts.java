package dev.mutineer.results;

import dev.mutineer.classifier.Outcome;

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
