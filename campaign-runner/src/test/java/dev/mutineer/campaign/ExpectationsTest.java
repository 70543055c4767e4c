package dev.mutineer.campaign;

import dev.mutineer.classifier.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The campaign's {@code expect:} list: how it binds and what the validator says about it, located. */
class ExpectationsTest {

    private static final String HEAD = """
            name: expect
            workload: [web.yaml]
            faults:
              - operator: dependency
                sample: 2
              - operator: value
                sample: 2
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void workload() throws IOException {
        Files.writeString(dir.resolve("web.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec: {replicas: 2}
                """);
    }

    private Campaign load(String expect) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, HEAD + expect);
        return new CampaignLoader().load(f);
    }

    private List<Problem> problems(String expect) throws IOException {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, HEAD + expect);
        CampaignException e = catchThrowableOfType(CampaignException.class, () -> new CampaignLoader().load(f));
        assertThat(e).as("campaign should be rejected").isNotNull();
        return e.problems();
    }

    @Test
    void everyFormBinds() throws Exception {
        Campaign c = load("""
                expect:
                  - none: CLUSTER_WIDE
                    where: {operator: dependency}
                  - at-most: 5% OVER_PROVISIONING
                  - at-least: 12.5 % no-effect
                    where: {family: at-rest, kind: Deployment, field: "spec.**", dependency: false}
                  - id: 3f9k2m8q1z
                    is: NO_EFFECT
                """);
        assertThat(c.expect()).hasSize(4);
        Expectation none = c.expect().get(0);
        assertThat(none.form()).isEqualTo(Expectation.Form.NONE);
        assertThat(none.outcome()).isEqualTo(Outcome.CLUSTER_WIDE);
        assertThat(none.describe()).isEqualTo("none CLUSTER_WIDE where operator=dependency");
        assertThat(c.expect().get(1).bound()).isEqualTo(0.05);
        assertThat(c.expect().get(1).describe()).isEqualTo("at-most 5% OVER_PROVISIONING");
        Expectation atLeast = c.expect().get(2);
        assertThat(atLeast.outcome()).isEqualTo(Outcome.NO_EFFECT);
        assertThat(atLeast.bound()).isEqualTo(0.125);
        assertThat(atLeast.where().dependency()).isFalse();
        assertThat(atLeast.describe()).isEqualTo("at-least 12.5% NO_EFFECT where family=at-rest, kind=Deployment, field=spec.**, dependency=false");
        assertThat(c.expect().get(3).describe()).isEqualTo("id 3f9k2m8q1z is NO_EFFECT");
    }

    @Test
    void noExpectSectionMeansNothingExpected() throws Exception {
        assertThat(load("").expect()).isEmpty();
    }

    @Test
    void everyProblemAtOnceWithLineAndSuggestion() throws IOException {
        List<Problem> ps = problems("""
                expect:
                  - none: CLUSTER_WDIE
                  - at-most: 5 OVER_PROVISIONING
                  - at-most: 120% OVER_PROVISIONING
                  - at-least: 10% NOT_ACTIVATED
                  - id: nope
                  - id: 3f9k2m8q1z
                  - none: NO_EFFECT
                    at-most: 3% CLUSTER_WIDE
                  - none: LATENT
                    where: {operator: bit-flip, family: in-flght, kind: Deploymnet, field: "a[", variant: blue}
                  - none: LATENT
                    where: {opertor: value}
                  -
                """);
        assertThat(ps).extracting(p -> p.line() + " " + p.field()).containsExactly(
                "9 expect[0].none",
                "10 expect[1].at-most",
                "11 expect[2].at-most",
                "12 expect[3].at-least",
                "13 expect[4].is",          // missing: located at its entry, before the id's value
                "13 expect[4].id",
                "14 expect[5].is",
                "15 expect[6]",
                "18 expect[7].where.operator",
                "18 expect[7].where.family",
                "18 expect[7].where.kind",
                "18 expect[7].where.field",
                "18 expect[7].where.variant",
                "20 expect[8].where.opertor",
                "21 expect[9]");
        assertThat(ps.get(0).message()).contains("unknown outcome class 'CLUSTER_WDIE'; did you mean 'CLUSTER_WIDE'?");
        assertThat(ps.get(1).message()).contains("write a percentage and a class, e.g. '5% OVER_PROVISIONING'");
        assertThat(ps.get(2).message()).contains("at most 100%");
        assertThat(ps.get(3).message()).contains("kept out of the shares");
        assertThat(ps.get(6).message()).contains("missing: the class injection 3f9k2m8q1z must end in");
        assertThat(ps.get(7).message()).contains("one expectation per entry, found none and at-most");
        assertThat(ps.get(8).message()).contains("this campaign plans no bit-flip fault (its operators: dependency, value)");
        assertThat(ps.get(9).message()).contains("did you mean 'in-flight'?");
        assertThat(ps.get(10).message()).contains("did you mean 'Deployment'?");
        assertThat(ps.get(12).message()).contains("unknown variant 'blue'").contains("default");
        assertThat(ps.get(13).message()).contains("unknown field 'opertor'; did you mean 'operator'?");
        assertThat(ps.get(14).message()).contains("empty expectation");
    }
}
