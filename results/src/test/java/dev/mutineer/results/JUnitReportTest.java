package dev.mutineer.results;

import dev.mutineer.classifier.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JUnitReportTest {

    @TempDir
    Path dir;

    private static JournalRecord rec(String id, String variant, Outcome o) {
        return withVariant(SampleResults.result(id, o, "Deployment", "web", "spec.replicas", false, "value", 1), variant);
    }

    private static JournalRecord withVariant(JournalRecord r, String variant) {
        return new JournalRecord(r.id(), r.campaign(), variant, r.kind(), r.namespace(), r.name(), r.fieldPath(),
                r.dependencyField(), r.operator(), r.parameters(), r.oldValue(), r.newValue(), r.activated(), r.outcome(),
                r.symptoms(), r.timeToFirstSymptomMillis(), r.timeToRecoverMillis(), r.reproduceCommand(), r.startedAt(),
                r.finishedAt(), r.spec(), null);
    }

    private Document parse(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static List<Element> elements(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    @Test
    void oneSuitePerVariantOneCasePerInjectionAndAFailurePerViolatedExpectation() throws Exception {
        List<JournalRecord> records = List.of(rec("aaaa.on", "on", Outcome.NO_EFFECT), rec("bbbb.on", "on", Outcome.NOT_ACTIVATED),
                rec("aaaa.off", "off", Outcome.OVER_PROVISIONING), rec("bbbb.off", "off", Outcome.NO_EFFECT));
        List<ExpectationResult> expectations = List.of(
                new ExpectationResult("none OVER_PROVISIONING", "on", false, "0 of 2 injections ended OVER_PROVISIONING", List.of()),
                new ExpectationResult("none OVER_PROVISIONING", "off", true, "1 of 2 injections ended OVER_PROVISIONING", List.of("aaaa.off")));
        Path file = JUnitReport.write(dir.resolve("ci/junit.xml"), "quickstart", records, expectations);

        Element root = parse(file).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("6");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        assertThat(root.getAttribute("skipped")).isEqualTo("1");
        List<Element> suites = elements(root, "testsuite");
        assertThat(suites).extracting(s -> s.getAttribute("name") + " " + s.getAttribute("tests") + " "
                + s.getAttribute("failures") + " " + s.getAttribute("skipped"))
                .containsExactly("quickstart/on 3 0 1", "quickstart/off 3 1 0");

        Element on = suites.get(0);
        List<Element> cases = elements(on, "testcase");
        assertThat(cases.get(0).getAttribute("classname")).isEqualTo("value");
        assertThat(cases.get(0).getAttribute("name")).isEqualTo("aaaa.on Deployment default/web spec.replicas");
        assertThat(cases.get(0).getAttribute("time")).isEqualTo("35.000");
        assertThat(elements(cases.get(0), "system-out").get(0).getTextContent())
                .contains("outcome: NO_EFFECT").contains("reproduce: mutineer reproduce aaaa.on");
        assertThat(elements(cases.get(1), "skipped")).singleElement()
                .satisfies(s -> assertThat(s.getAttribute("message")).startsWith("NOT_ACTIVATED"));
        assertThat(cases.get(2).getAttribute("classname")).isEqualTo(JUnitReport.EXPECTATIONS);
        assertThat(elements(cases.get(2), "failure")).isEmpty();

        Element failure = elements(suites.get(1), "failure").get(0);
        assertThat(failure.getAttribute("message")).isEqualTo("1 of 2 injections ended OVER_PROVISIONING: aaaa.off");
        assertThat(failure.getTextContent()).contains("mutineer reproduce aaaa.off");
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("none OVER_PROVISIONING");
    }

    @Test
    void aPlainCampaignIsOneSuiteNamedByTheCampaign() throws Exception {
        Path file = JUnitReport.write(dir.resolve("junit.xml"), "quickstart",
                List.of(rec("aaaa", JournalRecord.DEFAULT_VARIANT, Outcome.CLUSTER_WIDE)), List.of());
        assertThat(elements(parse(file).getDocumentElement(), "testsuite")).singleElement()
                .satisfies(s -> assertThat(s.getAttribute("name")).isEqualTo("quickstart"));
    }

    @Test
    void controlCharactersOfAFlippedValueStillMakeWellFormedXml() throws Exception {
        JournalRecord r = SampleResults.result("cccc", Outcome.TRANSIENT, "Pod", "web\u0001", "metadata.name", false, "bit-flip", 2);
        r = new JournalRecord(r.id(), r.campaign(), r.variant(), r.kind(), r.namespace(), r.name(), r.fieldPath(),
                r.dependencyField(), r.operator(), r.parameters(), "web", "w\u0000e\u001Bb\uD800<&>", r.activated(), r.outcome(),
                r.symptoms(), r.timeToFirstSymptomMillis(), r.timeToRecoverMillis(), r.reproduceCommand(), r.startedAt(),
                r.finishedAt(), r.spec(), null);
        Path file = JUnitReport.write(dir.resolve("junit.xml"), "q", List.of(r), List.of());
        Element out = elements(parse(file).getDocumentElement(), "system-out").get(0);
        assertThat(out.getTextContent()).contains("new value: w\uFFFDe\uFFFDb\uFFFD<&>");
    }

    @Test
    void aSymbolicLinkInItsPlaceIsReplacedNotFollowed() throws Exception {
        Path outside = dir.resolve("outside.txt");
        Files.writeString(outside, "keep me");
        Path link = dir.resolve("junit.xml");
        Files.createSymbolicLink(link, outside);
        JUnitReport.write(link, "q", List.of(rec("aaaa", "default", Outcome.NO_EFFECT)), List.of());
        assertThat(Files.isSymbolicLink(link)).isFalse();
        assertThat(Files.readString(outside)).isEqualTo("keep me");
        assertThat(parse(link).getDocumentElement().getAttribute("tests")).isEqualTo("1");
    }
}
