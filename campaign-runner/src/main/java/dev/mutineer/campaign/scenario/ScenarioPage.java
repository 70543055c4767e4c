package dev.mutineer.campaign.scenario;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * scenario.html: per workload kind, the pod counts over time of the gate-off and gate-on runs side by
 * side, as inline SVG (self-contained like report.html: no script, no external resource).
 */
final class ScenarioPage {

    private static final int W = 520;
    private static final int H = 260;
    private static final int LEFT = 40;
    private static final int RIGHT = 10;
    private static final int TOP = 24;
    private static final int BOTTOM = 30;
    private static final String ETCD = "#c0392b";
    private static final String CACHE = "#2471a3";

    private ScenarioPage() {
    }

    static String render(List<ScenarioRun> runs) {
        Map<String, List<ScenarioRun>> byKind = new TreeMap<>();
        runs.forEach(r -> byKind.computeIfAbsent(r.scenarioCase().workload().kind(), k -> new java.util.ArrayList<>()).add(r));
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>mutineer: stale controller (kubernetes#129795)</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:2em;color:#222}
                table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}
                .row{display:flex;flex-wrap:wrap;gap:16px}td.counts{white-space:nowrap}.over{color:#c0392b;font-weight:bold}
                </style></head><body>
                <h1>Stale controller: kubernetes#129795 with and without KEP-5647</h1>
                <p>The pod watch from etcd to the API server is held; the workload scales up; after the controllers'
                5-minute expectations TTL an annotation makes the controller sync it; then the hold is released.
                <span style="color:%s">Red: pods in etcd</span> (what the controller really created);
                <span style="color:%s">blue: pods in the API server's watch cache</span> (what the controller sees);
                dashed: the desired count. See also <a href="report.html">report.html</a>.</p>
                """.formatted(ETCD, CACHE));
        html.append("<table><tr><th>kind</th><th>configuration</th><th>outcome</th><th>pods in etcd over time</th>"
                + "<th>pods in the API server's cache</th><th>desired</th><th>watch responses with pod events held</th></tr>\n");
        for (ScenarioRun r : sorted(runs)) {
            html.append("<tr><td>").append(r.scenarioCase().workload().kind()).append("</td><td>")
                    .append(r.scenarioCase().variant()).append(" (").append(r.scenarioCase().workload().featureGate())
                    .append('=').append(r.scenarioCase().gateOn()).append(")</td><td")
                    .append(r.outcome().name().equals("OVER_PROVISIONING") ? " class=\"over\"" : "").append('>')
                    .append(r.outcome()).append("</td><td class=\"counts\">").append(r.etcdCounts()).append("</td><td class=\"counts\">")
                    .append(r.apiCacheCounts()).append("</td><td>").append(r.desiredPods()).append("</td><td>")
                    .append(r.heldEvents()).append("</td></tr>\n");
        }
        html.append("</table>\n");
        for (Map.Entry<String, List<ScenarioRun>> e : byKind.entrySet()) {
            html.append("<h2>").append(e.getKey()).append("</h2>\n<div class=\"row\">\n");
            long yMax = e.getValue().stream().mapToLong(r -> Math.max(r.maxInEtcd(), r.desiredPods())).max().orElse(1) + 1;
            long xMax = e.getValue().stream().mapToLong(r -> r.samples().isEmpty() ? 1 : r.samples().get(r.samples().size() - 1).atMillis())
                    .max().orElse(1);
            for (ScenarioRun r : sorted(e.getValue())) {
                html.append(chart(r, xMax, yMax));
            }
            html.append("</div>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static List<ScenarioRun> sorted(List<ScenarioRun> runs) {
        return runs.stream().sorted(Comparator.comparing((ScenarioRun r) -> r.scenarioCase().workload().kind())
                .thenComparing(r -> r.scenarioCase().gateOn())).toList();
    }

    /** One run: both counts as step lines, the desired count dashed, the scenario's steps as vertical marks. */
    static String chart(ScenarioRun r, long xMax, long yMax) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" font-size=\"11\">");
        svg.append("<text x=\"").append(LEFT).append("\" y=\"14\" font-weight=\"bold\">")
                .append(r.scenarioCase().variant()).append(": ").append(r.outcome()).append("</text>");
        for (long y = 0; y <= yMax; y++) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>", LEFT, W - RIGHT, y(y, yMax), y(y, yMax),
                    LEFT - 6, y(y, yMax) + 4, y));
        }
        for (long s = 0; s <= xMax / 1000; s += 60) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%dm</text>",
                    x(s * 1000, xMax), H - 10, s / 60));
        }
        double lastLabelX = -100;
        for (ScenarioMark m : r.marks()) {
            double x = x(m.atMillis(), xMax);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#999\" stroke-dasharray=\"2,3\"/>",
                    x, x, TOP, H - BOTTOM));
            // steps seconds apart (hold and scale-up, release and converged) would print their labels on top of each other
            double labelX = Math.max(x + 10, lastLabelX + 12);
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#666\" transform=\"rotate(-90 %.1f %d)\">%s</text>",
                    labelX, H - BOTTOM - 4, labelX, H - BOTTOM - 4, m.label()));
            lastLabelX = labelX;
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#555\" stroke-dasharray=\"6,4\"/>",
                LEFT, W - RIGHT, y(r.desiredPods(), yMax), y(r.desiredPods(), yMax)));
        svg.append(steps(r.samples(), true, xMax, yMax, ETCD));
        svg.append(steps(r.samples(), false, xMax, yMax, CACHE));
        return svg.append("</svg>\n").toString();
    }

    private static String steps(List<PodCountSample> samples, boolean etcd, long xMax, long yMax, String color) {
        StringBuilder points = new StringBuilder();
        Double lastY = null;
        for (PodCountSample s : samples) {
            long v = etcd ? s.inEtcd() : s.inApiCache();
            if (v < 0) {
                continue;
            }
            double x = x(s.atMillis(), xMax);
            double y = y(v, yMax);
            if (lastY != null) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, lastY));
            }
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            lastY = y;
        }
        return "<polyline fill=\"none\" stroke=\"" + color + "\" stroke-width=\"" + (etcd ? 3 : 2) + "\" points=\""
                + points.toString().trim() + "\"/>";
    }

    private static double x(long millis, long xMax) {
        return LEFT + (W - LEFT - RIGHT) * (double) millis / Math.max(1, xMax);
    }

    private static double y(long count, long yMax) {
        return TOP + (H - TOP - BOTTOM) * (1 - (double) count / Math.max(1, yMax));
    }
}
