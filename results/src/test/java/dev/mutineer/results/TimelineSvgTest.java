package dev.mutineer.results;

import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.Symptom;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.observation.HistoryEvent.Change;
import dev.mutineer.classifier.observation.Observation;
import dev.mutineer.cluster.traffic.ClientError;
import dev.mutineer.cluster.traffic.ClientSecond;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The timeline's SVG: well-formed, every part of the timeline drawn, and small. */
class TimelineSvgTest {

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document d, String tag, String cssClass) {
        NodeList all = d.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (cssClass == null || cssClass.equals(e.getAttribute("class"))) {
                out.add(e);
            }
        }
        return out;
    }

    private static Timeline timeline() {
        List<ClientSecond> client = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            client.add(new ClientSecond(TimelineTest.START.getEpochSecond() + k, 20, k == 2 ? 4 : 20,
                    k == 2 ? Map.of(ClientError.REFUSED, 16) : Map.of(), 2000, 5000));
        }
        Observation o = TimelineTest.observation(client, List.of(
                TimelineTest.event(2100, Change.DELETED, "Pod", "web-1"),
                TimelineTest.event(2150, Change.ADDED, "Pod", "web-2")));
        Symptom dip = new Symptom(SymptomKind.READY_BELOW_GOLDEN, Outcome.UNDER_PROVISIONING, "Deployment/shop/web",
                "readyReplicas", "3->2->3", "<3>", 2000, 3000, false);
        return Timeline.of(TimelineTest.record(o, List.of(dip), 2000L),
                TimelineTest.baseline(new dev.mutineer.classifier.baseline.ClientBaseline(30, 600, 1.0, 1.0, 2000, 5000, Map.of())))
                .orElseThrow();
    }

    @Test
    void drawsALanePerSeriesWithItsBandTheMarksAndTheChanges() throws Exception {
        String svg = TimelineSvg.render(timeline());
        Document d = parse(svg);

        assertThat(elements(d, "rect", "lane")).hasSize(4);
        assertThat(elements(d, "rect", "band")).hasSize(4);
        assertThat(elements(d, "line", "inj")).hasSize(1);
        assertThat(elements(d, "line", "first")).singleElement()
                .satisfies(e -> assertThat(e.getTextContent()).isEqualTo("first symptom at +2.0 s"));
        // The endpoints' unreadable sample at 5 s breaks that line in two: 3 whole lines and 2 pieces.
        assertThat(elements(d, "polyline", null)).hasSize(5);
        assertThat(elements(d, "rect", "unread")).hasSize(1);
        // Ready replicas below the band at 2 s and 3 s, pods too, endpoints inside theirs, the client's bad second.
        assertThat(elements(d, "circle", null)).extracting(Element::getTextContent)
                .containsExactly("+2.0 s: 3", "+3.0 s: 3", "+2.0 s: 3", "+3.0 s: 3", "+2.0 s: 20.0%");
        assertThat(elements(d, "rect", "cD")).singleElement()
                .satisfies(e -> assertThat(e.getTextContent()).isEqualTo("+2 s: 1 DELETED (1 Pod): Pod/shop/web-1"));
        assertThat(elements(d, "rect", "cA")).hasSize(1);
        assertThat(elements(d, "text", "ax")).extracting(Element::getTextContent).startsWith("0 s", "1 s").endsWith("6 s");
        // The symptom's evidence, escaped, in its span's title.
        assertThat(svg).contains("(golden &lt;3&gt;)");
    }

    @Test
    void theInjectionIsAtTheLeftEdgeOfThePlotAndTheFirstSymptomWhereItsTimeSays() throws Exception {
        Document d = parse(TimelineSvg.render(timeline()));
        int injection = Integer.parseInt(elements(d, "line", "inj").get(0).getAttribute("x1"));
        int first = Integer.parseInt(elements(d, "line", "first").get(0).getAttribute("x1"));
        int right = Integer.parseInt(elements(d, "rect", "lane").get(0).getAttribute("width")) + injection;
        // 2 s of a 6 s window.
        assertThat(first - injection).isEqualTo(Math.round((right - injection) / 3.0f));
    }

    @Test
    void aTimelineStaysAFewKilobytes() {
        assertThat(TimelineSvg.render(timeline()).length()).isLessThan(6_000);
    }
}
