package dev.mutineer.results;

import dev.mutineer.classifier.Outcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StudyComparisonTest {

    private static JournalRecord rec(int i, Outcome o, boolean dependency) {
        return SampleResults.result("r" + i, o, "Deployment", "web", dependency ? "spec.selector" : "spec.replicas",
                dependency, "value", i);
    }

    @Test
    void sharesAreOfTheActivatedAndTheDependencyFigureOfTheClusterWide() {
        List<JournalRecord> rs = new ArrayList<>();
        rs.add(rec(0, Outcome.CLUSTER_WIDE, true));
        rs.add(rec(1, Outcome.CLUSTER_WIDE, false));
        rs.add(rec(2, Outcome.UNDER_PROVISIONING, false));
        rs.add(rec(3, Outcome.OVER_PROVISIONING, false));
        rs.add(rec(4, Outcome.SERVICE_NETWORKING, false));
        for (int i = 5; i < 10; i++) rs.add(rec(i, Outcome.NO_EFFECT, false));
        for (int i = 10; i < 15; i++) rs.add(rec(i, Outcome.NOT_ACTIVATED, true)); // never in a share

        StudyComparison c = StudyComparison.of(rs);

        assertThat(c.columns()).containsExactly("this campaign");
        assertThat(c.rows()).extracting(r -> r.figure() + " " + r.study() + " " + r.ours().get(0).count() + "/" + r.ours().get(0).basis())
                .containsExactly("cluster-wide failures 0.03 2/10",
                        "service networking issues 0.04 1/10",
                        "service under- or over-provisioning 0.24 2/10",
                        "cluster-wide failures from dependency fields (share of the cluster-wide) 0.51 1/2");
        assertThat(c.rows().get(3).ours().get(0).share()).isEqualTo(0.5);
    }

    @Test
    void theReportShowsTheStudysSharesLabelledAsTheirsWithTheMethodNote() {
        List<JournalRecord> rs = List.of(rec(0, Outcome.CLUSTER_WIDE, true), rec(1, Outcome.NO_EFFECT, false),
                rec(2, Outcome.NO_EFFECT, false), rec(3, Outcome.UNDER_PROVISIONING, false));
        String html = HtmlReport.render(ReportModel.of(rs), List.of(), java.nio.file.Path.of("out"));
        String table = html.substring(html.indexOf("<table id=\"study-shares\">"), html.indexOf("</table>", html.indexOf("study-shares")));
        assertThat(table).contains("<th>the study (DSN 2024)</th><th>this campaign</th>")
                .containsPattern("cluster-wide failures</td><td>3%</td><td[^>]*>25.0% <span class=\"note\">\\(1 of 4\\)")
                .contains("service networking issues</td><td>4%</td>", "under- or over-provisioning</td><td>24%</td>",
                        "from dependency fields (share of the cluster-wide)</td><td>51%</td>", "100.0%");
        assertThat(html).contains("Barletta", "DSN 2024", "theirs, not measured here", "Kubernetes 1.27", "kubeadm",
                "about 9,000 injections", "kwok", "4 activated injections", "the study's shares are of all its injections");
    }

    @Test
    void nothingToCountIsNoShareAndVariantsAreColumns() {
        JournalRecord on = rec(0, Outcome.NO_EFFECT, false);
        JournalRecord off = rec(1, Outcome.NOT_ACTIVATED, false);
        on = new JournalRecord(on.id(), on.campaign(), "on", on.kind(), on.namespace(), on.name(), on.fieldPath(), false,
                on.operator(), on.parameters(), null, null, true, on.outcome(), List.of(), null, null, null, null, null, null, null);
        off = new JournalRecord(off.id(), off.campaign(), "off", off.kind(), off.namespace(), off.name(), off.fieldPath(), false,
                off.operator(), off.parameters(), null, null, false, off.outcome(), List.of(), null, null, null, null, null, null, null);
        StudyComparison c = StudyComparison.of(List.of(on, off));
        assertThat(c.columns()).containsExactly("on", "off");
        assertThat(c.rows().get(0).ours()).extracting(StudyComparison.Share::share).containsExactly(0.0, null);
        assertThat(c.rows().get(3).ours().get(0).share()).isNull(); // no cluster-wide failure to attribute
    }
}
