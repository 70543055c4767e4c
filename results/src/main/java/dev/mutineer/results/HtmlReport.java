package dev.mutineer.results;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.Symptom;
import dev.mutineer.classifier.client.ClientImpact;
import dev.mutineer.classifier.client.ClientView;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * report.html: one self-contained page (inline CSS and SVG, no script, no external resource) that opens from a
 * file with no network. The layout lives in the Mustache template beside this class; this class only turns the
 * {@link ReportModel} into the template's plain maps and lists.
 */
final class HtmlReport {

    private static final String TEMPLATE = "report.html.mustache";

    private HtmlReport() {
    }

    static void write(ReportModel model, List<SkippedLine> skipped, Path resultsDir, Path html) {
        try {
            PrivateFiles.writeString(html, render(model, skipped, resultsDir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + html + ": " + IoProblems.describe(e), e);
        }
    }

    static String render(ReportModel model, List<SkippedLine> skipped, Path resultsDir) {
        return template().execute(context(model, skipped, resultsDir));
    }

    private static Template template() {
        try (InputStream in = HtmlReport.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("report template " + TEMPLATE + " is missing from the classpath");
            }
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return Mustache.compiler().defaultValue("").compile(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report template " + TEMPLATE, e);
        }
    }

    private static Map<String, Object> context(ReportModel m, List<SkippedLine> skipped, Path dir) {
        Map<String, Object> c = new LinkedHashMap<>();
        Distribution all = m.overall();
        c.put("campaigns", m.results().stream().map(JournalRecord::campaign).filter(s -> s != null && !s.isBlank())
                .distinct().collect(Collectors.joining(", ")));
        c.put("resultsDir", dir.toAbsolutePath().normalize().toString());
        c.put("generatedAt", Instant.now().toString());
        c.put("skipped", skipped.stream().map(HtmlReport::skippedLine).toList());
        c.put("skippedCount", skipped.size());
        c.put("hasSkipped", !skipped.isEmpty());
        c.put("journal", skipped.isEmpty() ? "" : skipped.get(0).file().toString());
        c.put("total", all.total());
        c.put("activated", all.activated());
        c.put("notActivated", all.count(Outcome.NOT_ACTIVATED));
        c.put("legend", legend());
        c.put("overallRows", overallRows(all));
        c.put("overallChart", SvgCharts.outcomeBars(all));
        c.putAll(StudySection.context(m.results()));
        List<Map<String, Object>> sections = new ArrayList<>();
        sections.add(section("By operator", "operator", m.byOperator()));
        sections.add(section("By kind", "kind", m.byKind()));
        sections.add(section("Dependency fields against the rest", "dependency", m.byDependency()));
        sections.add(section("By field", "field", m.byField()));
        if (m.byVariant().size() > 1) {
            sections.add(section("By cluster configuration", "variant", m.byVariant()));
        }
        c.put("sections", sections);
        c.put("hasClient", m.hasClientTraffic());
        c.put("clientImpacts", impactLegend());
        List<ClientSummary> clientGroups = new ArrayList<>();
        clientGroups.add(m.clientOverall());
        clientGroups.addAll(m.clientByOperator());
        c.put("clientByOperator", m.hasClientTraffic() ? clientGroups.stream().map(HtmlReport::clientRow).toList() : List.of());
        c.put("clientByOutcome", m.clientByOutcome().stream().map(g -> {
            Map<String, Object> row = clientRow(g);
            row.put("color", SvgCharts.color(Outcome.valueOf(g.group())));
            return row;
        }).toList());
        c.put("slowest", m.slowestRecoveries().stream().map(HtmlReport::summary).toList());
        c.put("hasSlowest", !m.slowestRecoveries().isEmpty());
        c.put("injections", m.results().stream().map(r -> injection(r, dir, m.timelines().get(r.id()))).toList());
        c.putAll(differences(m));
        return c;
    }

    private static List<Map<String, Object>> legend() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Outcome o : Outcome.values()) {
            // Spaces instead of underscores let narrow table headers wrap.
            out.add(Map.of("outcome", o.name(), "label", o.name().replace('_', ' '), "color", SvgCharts.color(o)));
        }
        return out;
    }

    private static List<Map<String, Object>> overallRows(Distribution d) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Outcome o : Outcome.values()) {
            out.add(Map.of("outcome", o.name(), "color", SvgCharts.color(o), "count", d.count(o),
                    "share", o == Outcome.NOT_ACTIVATED ? "excluded" : percent(d.share(o))));
        }
        return out;
    }

    private static Map<String, Object> section(String title, String anchor, List<Distribution> groups) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Distribution d : groups) {
            List<Map<String, Object>> cells = new ArrayList<>();
            for (Outcome o : Outcome.values()) {
                cells.add(Map.of("count", d.count(o), "zero", d.count(o) == 0));
            }
            rows.add(Map.of("group", d.group(), "activated", d.activated(), "cells", cells));
        }
        return Map.of("title", title, "anchor", anchor, "chart", SvgCharts.stackedBars(groups),
                "headers", legend(), "rows", rows);
    }

    private static Map<String, Object> summary(JournalRecord r) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", r.id());
        s.put("kind", r.kind());
        s.put("object", r.object());
        s.put("field", r.fieldPath());
        s.put("operator", r.operator());
        s.put("outcome", r.outcome().name());
        s.put("color", SvgCharts.color(r.outcome()));
        s.put("recover", seconds(r.timeToRecoverMillis()));
        return s;
    }

    /** The differential table: per injection whose class differs between variants, each variant's record. */
    private static Map<String, Object> differences(ReportModel m) {
        List<String> variants = VariantDifference.variants(m.results());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (VariantDifference d : m.variantDifferences()) {
            JournalRecord any = d.records().values().iterator().next();
            List<Map<String, Object>> cells = new ArrayList<>();
            for (String v : variants) {
                JournalRecord r = d.records().get(v);
                cells.add(r == null ? Map.of("ran", false)
                        : Map.of("ran", true, "id", r.id(), "outcome", r.outcome().name(), "color", SvgCharts.color(r.outcome())));
            }
            rows.add(Map.of("injection", d.injection(), "object", any.kind() + " " + any.object(), "field", any.fieldPath(),
                    "operator", any.operator(), "cells", cells));
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("differential", variants.size() > 1);
        c.put("diffVariants", variants);
        c.put("differences", rows);
        c.put("differenceCount", rows.size());
        c.put("hasDifferences", !rows.isEmpty());
        c.put("comparedCount", VariantDifference.compared(m.results()));
        return c;
    }

    private static Map<String, Object> injection(JournalRecord r, Path dir, Timeline timeline) {
        Map<String, Object> s = summary(r);
        s.put("timeline", timeline == null ? "" : TimelineSvg.render(timeline));
        s.put("hasTimeline", timeline != null);
        s.put("variant", r.variant());
        s.put("dependency", r.dependencyField());
        s.put("parameters", r.parameters().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ")));
        s.put("oldValue", r.oldValue() == null ? "" : r.oldValue());
        s.put("newValue", r.newValue() == null ? "" : r.newValue());
        s.put("first", seconds(r.timeToFirstSymptomMillis()));
        s.put("activated", r.activated());
        s.put("symptoms", r.symptoms().stream().map(HtmlReport::symptom).toList());
        s.put("hasSymptoms", !r.symptoms().isEmpty());
        s.put("reproduce", ReproduceLine.of(r.id(), dir));
        s.put("hasClient", r.client() != null);
        s.put("client", r.client() == null ? Map.of() : client(r.client()));
        return s;
    }

    private static List<Map<String, Object>> impactLegend() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ClientImpact i : ClientImpact.values()) {
            out.add(Map.of("impact", i.name(), "color", SvgCharts.color(i)));
        }
        return out;
    }

    private static Map<String, Object> clientRow(ClientSummary g) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("group", g.group());
        row.put("withTraffic", g.withTraffic());
        List<Map<String, Object>> cells = new ArrayList<>();
        for (ClientImpact i : ClientImpact.values()) {
            cells.add(Map.of("count", g.count(i), "zero", g.count(i) == 0));
        }
        row.put("cells", cells);
        row.put("mean", percent(g.meanAvailability()));
        row.put("lowest", percent(g.lowestAvailability()));
        return row;
    }

    /** One injection's client view, in words and a chart of its seconds. */
    private static Map<String, Object> client(ClientView v) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("impact", v.impact().name());
        c.put("impactColor", SvgCharts.color(v.impact()));
        c.put("availability", percent(v.availability()) + " of " + v.sent() + " requests in " + v.seconds() + " s");
        c.put("worst", "+" + seconds(v.worstSecondMillis()) + ": " + percent(v.worstSecondAvailability()));
        c.put("firstError", v.firstErrorMillis() == null ? "none" : "+" + seconds(v.firstErrorMillis()));
        c.put("recovered", v.recoveredMillis() == null
                ? (v.outOfBandAtEnd() ? "not by the end of the window" : "never out of the golden band")
                : "+" + seconds(v.recoveredMillis()) + (v.timeToRecoverMillis() == null ? "" : " (" + seconds(v.timeToRecoverMillis()) + " after the first error)"));
        c.put("latency", "p99 up to " + millis(v.maxP99Micros()) + ", p50 up to " + millis(v.maxP50Micros())
                + (v.p99LimitMicros() < 0 ? " (no golden band)" : "; band: p99 <= " + millis(v.p99LimitMicros())
                        + " (golden max " + millis(v.goldenP99Micros()) + ")")
                + (v.slowSeconds() > 0 ? ", " + v.slowSeconds() + " s above it" : ""));
        c.put("errors", v.errors().isEmpty() ? "none" : CsvReport.errors(v));
        c.put("seconds", v.belowBandSeconds() + " s below the golden band, " + v.outageSeconds() + " s in outage");
        c.put("chart", SvgCharts.successPerSecond(v.availabilityBySecond()));
        return c;
    }

    private static String millis(long micros) {
        return micros < 0 ? "none" : String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }

    private static Map<String, Object> skippedLine(SkippedLine s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("line", s.line());
        out.put("id", s.injectionId().orElse(""));
        out.put("reason", s.reason());
        return out;
    }

    private static Map<String, Object> symptom(Symptom s) {
        return Map.of("text", s.describe(), "decisive", s.decisive(),
                "indicates", s.indicates() == null ? "informational" : s.indicates().name());
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String seconds(Long millis) {
        return millis == null ? "" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
