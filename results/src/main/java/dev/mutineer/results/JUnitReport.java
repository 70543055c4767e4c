package dev.mutineer.results;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.Symptom;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A campaign as JUnit XML, the format every CI system renders: one testsuite per cluster configuration, one
 * testcase per injection (classname the operator; name the ID and target; outcome and evidence in system-out;
 * NOT_ACTIVATED skipped, as it is kept out of the statistics) and one per expectation, failing when violated and
 * naming the IDs behind it. An injection's outcome class is data, not a test failure: only expectations fail.
 */
public final class JUnitReport {

    /** The classname of the expectations' testcases. */
    public static final String EXPECTATIONS = "expect";

    private JUnitReport() {
    }

    /** Writes the XML to {@code file}, replacing it whole (0600; a symbolic link in its place is replaced, never followed). */
    public static Path write(Path file, String campaign, List<JournalRecord> records, List<ExpectationResult> expectations) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            PrivateFiles.createDirectories(parent);
            return PrivateFiles.replace(file, out -> render(out, campaign, records, expectations));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + IoProblems.describe(e), e);
        }
    }

    static void render(OutputStream out, String campaign, List<JournalRecord> records, List<ExpectationResult> expectations)
            throws IOException {
        Map<String, List<JournalRecord>> byVariant = new LinkedHashMap<>();
        records.forEach(r -> byVariant.computeIfAbsent(r.variant(), v -> new java.util.ArrayList<>()).add(r));
        expectations.forEach(e -> byVariant.computeIfAbsent(e.variant(), v -> new java.util.ArrayList<>()));
        if (byVariant.isEmpty()) {
            byVariant.put(JournalRecord.DEFAULT_VARIANT, List.of());
        }
        boolean several = byVariant.size() > 1;
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", text(campaign));
            counts(x, records, expectations);
            x.writeCharacters("\n");
            for (Map.Entry<String, List<JournalRecord>> v : byVariant.entrySet()) {
                List<ExpectationResult> ofVariant = expectations.stream().filter(e -> e.variant().equals(v.getKey())).toList();
                x.writeStartElement("testsuite");
                x.writeAttribute("name", text(several ? campaign + "/" + v.getKey() : campaign));
                counts(x, v.getValue(), ofVariant);
                x.writeCharacters("\n");
                for (JournalRecord r : v.getValue()) {
                    injection(x, r);
                }
                for (ExpectationResult e : ofVariant) {
                    expectation(x, e);
                }
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static void counts(XMLStreamWriter x, List<JournalRecord> records, List<ExpectationResult> expectations)
            throws XMLStreamException {
        long skipped = records.stream().filter(r -> r.outcome() == Outcome.NOT_ACTIVATED).count();
        long failures = expectations.stream().filter(ExpectationResult::violated).count();
        x.writeAttribute("tests", String.valueOf(records.size() + expectations.size()));
        x.writeAttribute("failures", String.valueOf(failures));
        x.writeAttribute("errors", "0");
        x.writeAttribute("skipped", String.valueOf(skipped));
        x.writeAttribute("time", seconds(records.stream().mapToLong(JUnitReport::millis).sum()));
    }

    private static void injection(XMLStreamWriter x, JournalRecord r) throws XMLStreamException {
        x.writeStartElement("testcase");
        x.writeAttribute("classname", text(r.operator().isEmpty() ? "(no operator)" : r.operator()));
        x.writeAttribute("name", text(r.id() + " " + target(r)));
        x.writeAttribute("time", seconds(millis(r)));
        if (r.outcome() == Outcome.NOT_ACTIVATED) {
            x.writeEmptyElement("skipped");
            x.writeAttribute("message", "NOT_ACTIVATED: the fault never took effect (kept out of the statistics)");
        }
        x.writeStartElement("system-out");
        x.writeCharacters(text(evidence(r)));
        x.writeEndElement();
        x.writeEndElement();
        x.writeCharacters("\n");
    }

    private static void expectation(XMLStreamWriter x, ExpectationResult e) throws XMLStreamException {
        x.writeStartElement("testcase");
        x.writeAttribute("classname", EXPECTATIONS);
        x.writeAttribute("name", text(e.expectation()));
        x.writeAttribute("time", "0");
        if (e.violated()) {
            x.writeStartElement("failure");
            x.writeAttribute("message", text(e.detail() + (e.ids().isEmpty() ? "" : ": " + String.join(", ", e.ids()))));
            x.writeAttribute("type", "ExpectationViolated");
            x.writeCharacters(text(e.detail() + "\n" + e.ids().stream().map(id -> "  " + id + "   mutineer reproduce " + id)
                    .collect(Collectors.joining("\n"))));
            x.writeEndElement();
        }
        x.writeStartElement("system-out");
        x.writeCharacters(text(e.detail()));
        x.writeEndElement();
        x.writeEndElement();
        x.writeCharacters("\n");
    }

    /** "Deployment shop/web spec.replicas": what was hit, for the testcase name. */
    private static String target(JournalRecord r) {
        String t = (r.kind() + " " + r.object()).strip();
        return r.fieldPath().isEmpty() ? t : t + " " + r.fieldPath();
    }

    /** The outcome and its evidence, as the HTML report shows them, for system-out. */
    static String evidence(JournalRecord r) {
        StringBuilder sb = new StringBuilder();
        sb.append("outcome: ").append(r.outcome()).append('\n');
        sb.append("target: ").append(target(r)).append(r.dependencyField() ? " (dependency field)" : "").append('\n');
        if (!r.parameters().isEmpty()) {
            sb.append("parameters: ").append(r.parameters().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "))).append('\n');
        }
        if (r.oldValue() != null || r.newValue() != null) {
            sb.append("old value: ").append(r.oldValue()).append('\n').append("new value: ").append(r.newValue()).append('\n');
        }
        if (r.timeToFirstSymptomMillis() != null) {
            sb.append("first symptom after: ").append(seconds(r.timeToFirstSymptomMillis())).append(" s\n");
        }
        if (r.timeToRecoverMillis() != null) {
            sb.append("recovered after: ").append(seconds(r.timeToRecoverMillis())).append(" s\n");
        }
        if (r.symptoms().isEmpty()) {
            sb.append("symptoms: none\n");
        } else {
            sb.append("symptoms:\n");
            for (Symptom s : r.symptoms()) {
                sb.append("  - ").append(s.describe()).append('\n');
            }
        }
        if (r.reproduceCommand() != null) {
            sb.append("reproduce: ").append(r.reproduceCommand()).append('\n');
        }
        return sb.toString();
    }

    private static long millis(JournalRecord r) {
        return r.startedAt() == null || r.finishedAt() == null ? 0
                : Math.max(0, Duration.between(r.startedAt(), r.finishedAt()).toMillis());
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /**
     * Text XML 1.0 can hold: a bit flip can leave control characters or a lone surrogate in a value, which no
     * XML parser accepts even escaped; each becomes U+FFFD.
     */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)) {
                sb.append(c);
            } else {
                sb.append('\uFFFD');
            }
        }
        return sb.toString();
    }
}
