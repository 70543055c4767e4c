package dev.mutineer.campaign;

import dev.mutineer.injector.fault.Family;
import dev.mutineer.injector.fault.Faults;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CampaignLoaderTest {

    private static final String MANIFEST = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              replicas: 2
            """;

    @TempDir
    Path dir;

    private final CampaignLoader loader = new CampaignLoader();

    @BeforeEach
    void workload() throws IOException {
        Files.createDirectories(dir.resolve("workloads"));
        Files.writeString(dir.resolve("workloads/web.yaml"), MANIFEST);
    }

    private Path write(String yaml) throws IOException {
        Path f = dir.resolve("campaign.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    /** The only problem of an invalid file. */
    private Problem problemOf(String yaml) throws IOException {
        Path f = write(yaml);
        CampaignException e = catchThrowableOfType(CampaignException.class, () -> loader.load(f));
        assertThat(e).as("campaign should be rejected").isNotNull();
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0);
    }

    /** The only problem of an invalid file, asserted to be at this line and field. */
    private Problem problemAt(String yaml, int line, String field) throws IOException {
        Problem p = problemOf(yaml);
        assertThat(p.line()).as("line of " + p).isEqualTo(line);
        assertThat(p.field()).as("field of " + p).isEqualTo(field);
        return p;
    }

    @Test
    void validFileBindsEveryFieldAndFillsDefaults() throws Exception {
        Campaign c = loader.load(write("""
                name: smoke
                cluster:
                  nodes: 2
                  kubernetesVersion: "1.36"   # the local backend's pinned minor version
                  featureGates: {StaleControllerConsistencyReplicaSet: false}
                workload: [workloads/web.yaml]
                targets:
                  kinds: [Deployment, Pod]
                  namespaces: shop
                  names: ["web*"]
                  fields: [spec.replicas, "metadata.labels[*]"]
                faults:
                  - operator: bit-flip
                    parameters: {bit: 2, field: spec.nodeName}
                    sample: 5
                  - operator: dependency
                    sample: exhaustive
                observationWindow: 1m30s
                """));

        assertThat(c.name()).isEqualTo("smoke");
        assertThat(c.seed()).isEqualTo(Campaign.DEFAULT_SEED);
        assertThat(c.cluster().backend()).isEqualTo(Backend.LOCAL);
        assertThat(c.cluster().nodes()).isEqualTo(2);
        assertThat(c.cluster().kubernetesVersion()).contains("1.36");
        assertThat(c.cluster().featureGates()).containsEntry("StaleControllerConsistencyReplicaSet", false);
        assertThat(c.manifestFiles()).containsExactly(dir.resolve("workloads/web.yaml"));
        assertThat(c.targets().namespaces()).containsExactly("shop"); // a single value is a one-item list
        assertThat(c.faults()).extracting(FaultSpec::operator).containsExactly("bit-flip", "dependency");
        assertThat(c.faults().get(0).sample()).isEqualTo(Sampling.random(5));
        assertThat(c.faults().get(0).parametersAsText()).containsEntry("bit", "2").containsEntry("field", "spec.nodeName");
        assertThat(c.faults().get(1).sample().exhaustive()).isTrue();
        assertThat(c.faults().get(0).operator()).isEqualTo("bit-flip");
        assertThat(c.faults().get(0).parametersAsText()).containsEntry("bit", "2");
        assertThat(c.observationWindow()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.settleTime()).isEqualTo(Campaign.DEFAULT_SETTLE);
        assertThat(c.goldenRuns()).isEqualTo(Campaign.DEFAULT_GOLDEN_RUNS);
        assertThat(c.repetitions()).isEqualTo(1);
        assertThat(c.reset()).isEqualTo(ResetMode.RESTART_CONTROLLERS);
        assertThat(c.clusterVariants()).containsOnlyKeys("default");
        assertThat(c.cluster().toClusterConfig(java.util.Optional.empty(), false).featureGatesFlag())
                .isEqualTo("StaleControllerConsistencyReplicaSet=false");
    }

    @Test
    void variantsInheritTheClusterAndOverrideGatesOneByOne() throws Exception {
        Campaign c = loader.load(write("""
                name: diff
                cluster: {nodes: 4, featureGates: {A: true, B: true}}
                workload: [workloads/]
                faults: [{operator: delete, sample: 3}]
                variants:
                  - name: b-off
                    featureGates: {B: false}
                  - name: more-nodes
                    nodes: 6
                """));

        Map<String, ClusterSpec> variants = c.clusterVariants();
        assertThat(variants.keySet()).containsExactly("b-off", "more-nodes");
        assertThat(variants.get("b-off").featureGates()).isEqualTo(Map.of("A", true, "B", false));
        assertThat(variants.get("b-off").nodes()).isEqualTo(4);
        assertThat(variants.get("more-nodes").nodes()).isEqualTo(6);
        assertThat(variants.get("more-nodes").featureGates()).isEqualTo(Map.of("A", true, "B", true));
        assertThat(c.manifestFiles()).containsExactly(dir.resolve("workloads/web.yaml")); // directory expanded
    }

    @Test
    void everyExampleCampaignIsValid() throws Exception {
        Path examples = Path.of(System.getProperty("mutineer.repo", "..")).resolve("examples");
        List<Path> files;
        try (Stream<Path> s = Files.list(examples)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("quickstart.yaml", "dependency-fields.yaml", "bit-flips.yaml", "full-study.yaml");
        for (Path f : files) {
            loader.load(f); // throws with every problem when one is invalid
        }
        Campaign quickstart = loader.load(examples.resolve("quickstart.yaml"));
        assertThat(quickstart.faults().stream().mapToInt(f -> f.sample().count()).sum()).isGreaterThanOrEqualTo(30);
        // The quickstart mixes the study's at-rest operators; the full study takes every at-rest fault registered.
        List<String> atRest = Faults.all().stream().filter(o -> o.family() == Family.AT_REST).map(f -> f.name()).toList();
        assertThat(quickstart.faults()).extracting(FaultSpec::operator)
                .containsExactlyInAnyOrder("bit-flip", "value", "dependency", "delete", "undecodable");
        assertThat(loader.load(examples.resolve("full-study.yaml")).faults()).extracting(FaultSpec::operator)
                .containsExactlyInAnyOrderElementsOf(atRest);
        List<String> kinds = WorkloadManifests.objects(quickstart.manifestFiles()).stream().map(WorkloadManifests.WorkloadObject::kind).toList();
        assertThat(kinds).contains("Deployment", "Service", "StatefulSet", "DaemonSet", "Job", "CronJob",
                "ConfigMap", "Secret", "PodDisruptionBudget");
    }

    @Test
    void unknownFieldNamesFileLineFieldAndSuggestion() throws Exception {
        Problem p = problemOf("""
                name: typo
                sede: 3
                workload: [workloads/web.yaml]
                faults: [{operator: delete, sample: 1}]
                """);
        assertThat(p.file()).isEqualTo(dir.resolve("campaign.yaml"));
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.field()).isEqualTo("sede");
        assertThat(p.message()).contains("unknown field 'sede'").contains("did you mean 'seed'?");
        // What a user reads: file, line, column, field, message.
        assertThat(p.toString()).isEqualTo(dir.resolve("campaign.yaml") + ":2:7: sede: " + p.message());
    }

    @Test
    void unknownNestedFieldIsLocatedInsideItsObject() throws Exception {
        Problem p = problemAt("""
                name: typo
                cluster:
                  backend: local
                  nodse: 3
                workload: [workloads/web.yaml]
                faults: [{operator: delete, sample: 1}]
                """, 4, "cluster.nodse");
        assertThat(p.message()).contains("did you mean 'nodes'?");
    }

    @Test
    void unknownOperatorSuggestsTheClosestOne() throws Exception {
        Problem p = problemAt("""
                name: ops
                workload: [workloads/web.yaml]
                faults:
                  - operator: delete
                    sample: 1
                  - operator: bitflip
                    sample: 2
                """, 6, "faults[1].operator");
        assertThat(p.column()).isEqualTo(15);
        assertThat(p.message()).contains("unknown operator 'bitflip'").contains("did you mean 'bit-flip'?")
                .contains("bit-flip, value, dependency, delete, undecodable");
    }

    @Test
    void faultParametersAreCheckedByValueWithEveryProblemLocated() throws Exception {
        Path f = write("""
                name: values
                cluster: {backend: local}
                workload: [workloads/web.yaml]
                faults:
                  - operator: fail-write
                    parameters:
                      probability: 1.5
                      window: 1x
                    sample: 1
                  - operator: kill-component
                    parameters: {duration: ten}
                    sample: 1
                """);
        CampaignException e = catchThrowableOfType(CampaignException.class, () -> loader.load(f));
        assertThat(e.problems()).extracting(Problem::field)
                .contains("faults[0].parameters.probability", "faults[0].parameters.window", "faults[1].parameters.duration");
        assertThat(e.problems()).filteredOn(p -> p.field().equals("faults[0].parameters.probability")).singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(7));
        assertThat(e.problems()).filteredOn(p -> p.field().equals("faults[0].parameters.window")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains(dev.mutineer.injector.fault.Durations.message("1x")));
    }

    @Test
    void aRuleWindowTakesTheSameDurationsAsTheObservationWindow() throws Exception {
        Campaign c = loader.load(write("""
                name: windows
                workload: [workloads/web.yaml]
                observationWindow: 1m30s
                faults:
                  - operator: hold-watch
                    parameters: {kind: Pod, window: 1m30s}
                    sample: 1
                """));
        assertThat(c.observationWindow()).isEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(c.faults().get(0).parametersAsText()).containsEntry("window", "1m30s");
    }

    @Test
    void unknownBackendIsRejected() throws Exception {
        Problem p = problemAt("""
                name: b
                cluster:
                  backend: kidn
                workload: [workloads/web.yaml]
                faults: [{operator: delete, sample: 1}]
                """, 3, "cluster.backend");
        assertThat(p.message()).contains("unknown backend 'kidn'").contains("did you mean 'kind'?");
    }

    @Test
    void unknownResetModeIsRejected() throws Exception {
        Problem p = problemAt("""
                name: r
                workload: [workloads/web.yaml]
                faults: [{operator: delete, sample: 1}]
                reset: keys-onyl
                """, 4, "reset");
        assertThat(p.message()).contains("unknown reset mode 'keys-onyl'").contains("did you mean 'keys-only'?");
    }

    @Test
    void durationsNeedAUnit() throws Exception {
        Problem bad = problemAt("""
                name: d
                workload: [workloads/web.yaml]
                faults: [{operator: delete, sample: 1}]
                settleTime: 30x
                """, 4, "settleTime");
        assertThat(bad.message()).contains("'30x' is not a duration").contains("30s");

        Problem bare = problemAt("""
                name: d
                workload: [workloads/web.yaml]
                faults: [{operator: delete, sample: 1}]
                observationWindow: 30
                """, 4, "observationWindow");
    }

    @Test
    void wrongTypeNamesTheField() throws Exception {
        Problem p = problemAt("""
                name: t
                cluster:
                  nodes: three
                workload: [workloads/web.yaml]
                faults: [{operator: delete, sample: 1}]
                """, 3, "cluster.nodes");
        assertThat(p.message()).contains("whole number");
    }

    @Test
    void badSampleIsLocated() throws Exception {
        Problem p = problemAt("""
                name: s
                workload: [workloads/web.yaml]
                faults:
                  - operator: value
                    sample: lots
                """, 5, "faults[0].sample");
        assertThat(p.message()).contains("'exhaustive' or a number");
    }

    @Test
    void semanticProblemsAreAllReportedWithTheirLines() throws Exception {
        Path f = write("""
                name: bad counts
                workload: [workloads/web.yaml]
                faults:
                  - operator: bit-flip
                    parameters:
                      bitt: 1
                    sample: 0
                  - operator: value
                    parameters: {change: [zero, max]}
                    sample: 2
                goldenRuns: 0
                repetitions: -1
                observationWindow: 0s
                targets:
                  kinds: [Deploymnet]
                """);
        CampaignException e = catchThrowableOfType(CampaignException.class, () -> loader.load(f));
        assertThat(e.problems()).extracting(Problem::field).containsExactlyInAnyOrder(
                "name", "faults[0].sample", "faults[0].parameters.bitt", "faults[1].parameters.change",
                "goldenRuns", "repetitions", "observationWindow", "targets.kinds[0]");
        Map<String, Problem> byField = e.problems().stream().collect(java.util.stream.Collectors.toMap(Problem::field, p -> p));
        assertThat(byField.get("name").line()).isEqualTo(1);
        assertThat(byField.get("faults[0].parameters.bitt").line()).isEqualTo(6);
        assertThat(byField.get("faults[0].parameters.bitt").message()).contains("did you mean 'bit'?").contains("byte, field");
        assertThat(byField.get("faults[0].sample").line()).isEqualTo(7);
        assertThat(byField.get("faults[1].parameters.change").message()).contains("single value");
        assertThat(byField.get("goldenRuns").line()).isEqualTo(11);
        assertThat(byField.get("repetitions").line()).isEqualTo(12);
        assertThat(byField.get("targets.kinds[0]").line()).isEqualTo(15);
        assertThat(byField.get("targets.kinds[0]").message()).contains("did you mean 'Deployment'?");
        assertThat(e.getMessage()).contains(f + ":11:");
    }

    @Test
    void missingRequiredFieldsPointAtTheDocument() throws Exception {
        Path f = write("""
                seed: 3
                """);
        CampaignException e = catchThrowableOfType(CampaignException.class, () -> loader.load(f));
        assertThat(e.problems()).extracting(Problem::field).containsExactlyInAnyOrder("name", "workload", "faults");
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.line()).isEqualTo(1));
    }

    @Test
    void kindBackendRefusesSeveralNodes() throws Exception {
        Problem p = problemOf("""
                name: k
                cluster: {backend: kind, nodes: 3}
                workload: [workloads/web.yaml]
                faults: [{operator: delete, sample: 1}]
                """);
        assertThat(p.field()).isEqualTo("cluster.nodes");
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.message()).contains("single node");
    }

    @Test
    void realNodesAreReadAndDefaultToNone() throws Exception {
        Campaign real = loader.load(write("""
                name: r
                cluster: {nodes: 2, realNodes: 1}
                workload: [workloads/web.yaml]
                faults: [{operator: delete, sample: 1}]
                """));
        assertThat(real.cluster().realNodes()).isEqualTo(1);
        assertThat(real.cluster().toClusterConfig(Optional.empty(), false).realNodes()).isEqualTo(1);
        assertThat(real.cluster()).hasToString("local, 2 nodes + 1 real node");
        Campaign kwokOnly = loader.load(write("""
                name: k
                workload: [workloads/web.yaml]
                faults: [{operator: delete, sample: 1}]
                """));
        assertThat(kwokOnly.cluster().realNodes()).isZero();
    }

    @Test
    void theRealNodesFallbackDefaultsToFailAndReachesEveryVariant() throws Exception {
        Campaign strict = loader.load(write("""
                name: r
                cluster: {realNodes: 1}
                workload: [workloads/web.yaml]
                faults: [{operator: delete, sample: 1}]
                """));
        assertThat(strict.cluster().realNodesFallback()).isEqualTo(RealNodesFallback.FAIL);
        Campaign lenient = loader.load(write("""
                name: r
                cluster: {realNodes: 1, realNodesFallback: kwok-only}
                workload: [workloads/web.yaml]
                faults: [{operator: delete, sample: 1}]
                variants:
                  - {name: a}
                  - {name: b, nodes: 5}
                """));
        assertThat(lenient.clusterVariants().values()).allSatisfy(v -> {
            assertThat(v.realNodes()).isEqualTo(1);
            assertThat(v.realNodesFallback()).isEqualTo(RealNodesFallback.KWOK_ONLY);
        });
        Campaign fellBack = lenient.kwokOnly();
        assertThat(fellBack.clusterVariants().values()).extracting(ClusterSpec::realNodes).containsExactly(0, 0);
        assertThat(fellBack.clusterVariants().get("b").nodes()).isEqualTo(5);
        assertThat(fellBack.cluster().toClusterConfig(Optional.empty(), false).realNodes()).isZero();
    }

    @Test
    void anUnknownRealNodesFallbackIsRejectedWithTheChoices() throws Exception {
        Problem p = problemAt("""
                name: r
                cluster: {realNodes: 1, realNodesFallback: kwok}
                workload: [workloads/web.yaml]
                faults: [{operator: delete, sample: 1}]
                """, 2, "cluster.realNodesFallback");
        assertThat(p.message()).contains("unknown real-nodes fallback 'kwok'").contains("kwok-only");
    }

    @Test
    void realNodesAreZeroToEightOnTheLocalBackend() throws Exception {
        Problem many = problemAt("""
                name: r
                cluster: {realNodes: 9}
                workload: [workloads/web.yaml]
                faults: [{operator: delete, sample: 1}]
                """, 2, "cluster.realNodes");
        assertThat(many.message()).contains("between 0 and 8, got 9");
        problemAt("""
                name: r
                cluster: {realNodes: -1}
                workload: [workloads/web.yaml]
                faults: [{operator: delete, sample: 1}]
                """, 2, "cluster.realNodes");
        Problem kind = problemAt("""
                name: r
                cluster: {backend: kind, nodes: 1, realNodes: 1}
                workload: [workloads/web.yaml]
                faults: [{operator: delete, sample: 1}]
                """, 2, "cluster.realNodes");
        assertThat(kind.message()).contains("backend: local");
    }

    @Test
    void trafficIsReadWithDefaults() throws Exception {
        Campaign c = loader.load(write("""
                name: t
                cluster: {realNodes: 1}
                workload: [workloads/web.yaml]
                faults: [{operator: delete, sample: 1}]
                traffic:
                  service: shop/frontend
                  hops: [frontend, backend]
                """));
        TrafficSpec t = c.trafficSpec().orElseThrow();
        assertThat(t.namespace()).isEqualTo("shop");
        assertThat(t.serviceName()).isEqualTo("frontend");
        assertThat(t.rate()).isEqualTo(20);
        assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(t.port()).isZero();
        assertThat(t.target(80).expectedWorkloads()).containsExactly("frontend", "backend");
        assertThat(loader.load(write("""
                name: k
                workload: [workloads/web.yaml]
                faults: [{operator: delete, sample: 1}]
                """)).trafficSpec()).isEmpty();
    }

    @Test
    void trafficValuesAreCheckedAllAtOnceAndNeedRealNodes() throws Exception {
        Path f = write("""
                name: t
                workload: [workloads/web.yaml]
                faults: [{operator: delete, sample: 1}]
                traffic:
                  service: frontend
                  port: 70000
                  path: no-slash
                  rate: 0
                  timeout: 0s
                  hops: [Frontend]
                """);
        CampaignException e = catchThrowableOfType(CampaignException.class, () -> loader.load(f));
        assertThat(e.problems()).extracting(Problem::field).containsExactlyInAnyOrder("traffic", "traffic.service",
                "traffic.port", "traffic.path", "traffic.rate", "traffic.timeout", "traffic.hops[0]");
        assertThat(e.problems()).filteredOn(p -> p.field().equals("traffic")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("needs real nodes"));
        assertThat(e.problems()).filteredOn(p -> p.field().equals("traffic.rate")).singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(8));
    }

    @Test
    void aRealNodesDaemonNeedsRealNodesBeforeAnyClusterStarts() throws Exception {
        Problem none = problemAt("""
                name: r
                workload: [workloads/web.yaml]
                faults:
                  - operator: kill-component
                    sample: 1
                    parameters: {component: kubelet}
                """, 6, "faults[0].parameters.component");
        assertThat(none.message()).contains("kubelet runs on real nodes").contains("realNodes: 0").contains("cluster.realNodes: 1");

        Problem tooFew = problemAt("""
                name: r
                cluster: {realNodes: 2}
                workload: [workloads/web.yaml]
                faults:
                  - operator: pause-component
                    sample: 1
                    parameters: {component: containerd, node: real-node-2}
                """, 7, "faults[0].parameters.node");
        assertThat(tooFew.message()).contains("'real-node-2' does not run containerd").contains("real-node-0, real-node-1");

        Problem proxy = problemOf("""
                name: r
                cluster: {realNodes: 2}
                workload: [workloads/web.yaml]
                faults:
                  - operator: restart-component
                    sample: 1
                    parameters: {component: kube-proxy, node: real-node-1}
                """);
        assertThat(proxy.message()).contains("does not run kube-proxy").contains("it runs on real-node-0");

        Problem controlPlane = problemOf("""
                name: r
                cluster: {realNodes: 1}
                workload: [workloads/web.yaml]
                faults:
                  - operator: kill-component
                    sample: 1
                    parameters: {component: kube-scheduler, node: real-node-0}
                """);
        assertThat(controlPlane.field()).isEqualTo("faults[0].parameters.node");
        assertThat(controlPlane.message()).contains("kube-scheduler runs on the control plane");

        assertThat(loader.load(write("""
                name: r
                cluster: {realNodes: 2}
                workload: [workloads/web.yaml]
                faults:
                  - operator: kill-component
                    sample: 1
                    parameters: {component: kubelet, node: real-node-1, duration: 5s}
                """)).faults()).hasSize(1);
    }

    @Test
    void kubernetesVersionMustBeOneTheBackendCanRun() throws Exception {
        Problem local = problemOf("""
                name: k
                cluster:
                  kubernetesVersion: "1.27"
                workload: [workloads/web.yaml]
                faults: [{operator: delete, sample: 1}]
                """);
        assertThat(local.line()).isEqualTo(3);
        assertThat(local.field()).isEqualTo("cluster.kubernetesVersion");
        assertThat(local.message()).contains("local backend runs Kubernetes 1.36");

        Problem kind = problemOf("""
                name: k
                cluster: {backend: kind, nodes: 1, kubernetesVersion: "1.99"}
                workload: [workloads/web.yaml]
                faults: [{operator: delete, sample: 1}]
                """);
        assertThat(kind.field()).isEqualTo("cluster.kubernetesVersion");
        assertThat(kind.message()).contains("no node image").contains("v1.34.0");

        assertThat(loader.load(write("""
                name: k
                cluster: {backend: kind, nodes: 1, kubernetesVersion: "1.33"}
                workload: [workloads/web.yaml]
                faults: [{operator: delete, sample: 1}]
                """)).cluster().kubernetesVersion()).contains("1.33");
    }

    @Test
    void duplicateVariantNamesAndALoneVariantAreRejected() throws Exception {
        Path f = write("""
                name: v
                workload: [workloads/web.yaml]
                faults: [{operator: delete, sample: 1}]
                variants:
                  - name: a
                  - name: a
                """);
        CampaignException e = catchThrowableOfType(CampaignException.class, () -> loader.load(f));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("variants[1].name");
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.message()).contains("duplicate");
        });
    }

    @Test
    void missingWorkloadFileIsNamedWithItsEntry() throws Exception {
        Problem p = problemAt("""
                name: w
                workload:
                  - workloads/web.yaml
                  - workloads/nope.yaml
                faults: [{operator: delete, sample: 1}]
                """, 4, "workload[1]");
        assertThat(p.message()).contains("nope.yaml").contains("does not exist");
    }

    @Test
    void brokenManifestIsReportedInTheManifestFile() throws Exception {
        Files.writeString(dir.resolve("workloads/web.yaml"), MANIFEST + """
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  namespace: shop
                """);
        Problem p = problemOf("""
                name: m
                workload: [workloads/web.yaml]
                faults: [{operator: delete, sample: 1}]
                """);
        assertThat(p.file()).isEqualTo(dir.resolve("workloads/web.yaml"));
        assertThat(p.line()).isEqualTo(9); // the first line of document 2, after the "---"
        assertThat(p.field()).isEqualTo("document 2.metadata.name");
    }

    @Test
    void yamlSyntaxErrorsAndDuplicateKeysCarryTheirLine() throws Exception {
        Problem syntax = problemOf("""
                name: s
                workload: [workloads/web.yaml
                faults: [{operator: delete, sample: 1}]
                """);
        assertThat(syntax.line()).isGreaterThanOrEqualTo(2);
        assertThat(syntax.toString()).startsWith(dir.resolve("campaign.yaml") + ":");

        Problem duplicate = problemOf("""
                name: s
                workload: [workloads/web.yaml]
                name: t
                faults: [{operator: delete, sample: 1}]
                """);
        assertThat(duplicate.line()).isEqualTo(3);
        assertThat(duplicate.message()).contains("name");
    }

    @Test
    void missingAndEmptyFilesAreNamed() throws Exception {
        assertThatThrownBy(() -> loader.load(dir.resolve("absent.yaml")))
                .isInstanceOf(CampaignException.class).hasMessageContaining("absent.yaml").hasMessageContaining("no such file");
        Problem empty = problemOf("   \n");
        assertThat(empty.message()).contains("empty");
    }
}
