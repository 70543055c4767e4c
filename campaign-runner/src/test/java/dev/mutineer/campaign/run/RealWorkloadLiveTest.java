package dev.mutineer.campaign.run;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.Symptom;
import dev.mutineer.classifier.SymptomKind;
import dev.mutineer.classifier.Verdict;
import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.client.ClientImpact;
import dev.mutineer.classifier.client.ClientView;
import dev.mutineer.classifier.observation.PodStatus;
import dev.mutineer.classifier.observation.Sample;
import dev.mutineer.cluster.traffic.ClientError;
import dev.mutineer.injector.spec.InjectionSpec;
import dev.mutineer.injector.spec.Target;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop workload of real containers on a real node, under client traffic, through the whole pipeline (reset,
 * injection into etcd, observation with the client's seconds, classification against golden runs that learned the
 * client's band): what the clients saw is evidence in the verdict. Three injections on the real node: the backend
 * Service's selector (SERVICE_NETWORKING, client errors), the real node's agent pod relabelled into the backend's
 * Service (SERVICE_NETWORKING, answers from the wrong workload), the frontend's image (UNDER_PROVISIONING, the pod that
 * cannot start and its reason). The same image corruption then runs on a kwok-only cluster, side by side: there no
 * container runs, so a missing image changes nothing a pod shows. The figures table prints every verdict.
 */
class RealWorkloadLiveTest {

    private static final String IMAGE_FIELD = "spec.template.spec.containers[0].image";
    private static final String MISSING_IMAGE = "mutineer.local/no-such-image:1";

    @TempDir
    Path tmp;

    @BeforeAll
    static void realNodesCanRunHere() {
        RealNodesHere.assume("real-workload test");
    }

    @Test
    void clientsSeeTheFaultAndTheVerdictSaysSo() throws Exception {
        Campaign real = new CampaignLoader().load(TestCampaigns.write(tmp.resolve("real"), """
                name: real-workload
                cluster: {nodes: 1, realNodes: 1}
                workload: [workloads/]
                faults:
                  - operator: delete
                    sample: 1
                traffic:
                  service: shop/frontend
                  hops: [frontend, backend]
                observationWindow: 15s
                settleTime: 2s
                goldenRuns: 2
                """));
        Map<String, String> figures = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        Sample realImageEnd;
        Verdict realImage;
        try (CampaignCluster cluster = CampaignCluster.start(real, real.cluster(), c -> { }, System.out::println)) {
            assertThat(cluster.traffic()).as("traffic runs on a cluster with real nodes").isPresent();
            InjectionRunner injections = new InjectionRunner(cluster, real.observationWindow(), real.settleTime(), real.reset());
            Baseline baseline = injections.learnBaseline(real.goldenRuns());
            assertThat(baseline.client()).as("the golden runs learned the client's band").isNotNull();
            assertThat(baseline.client().minWindowAvailability()).as("golden traffic succeeds").isEqualTo(1.0);

            // The backend Service selects nothing: the frontend's upstream fails, its clients get 502s, and the
            // endpoints still match the (corrupted) selector.
            InjectionRun selector = injections.run(spec(Target.named("Service", "shop", "backend"), "value",
                    Map.of("field", "spec.selector[app.kubernetes.io/name]", "change", "set", "to", "nothing-matches")), baseline);
            ClientView selectorClient = client(selector);
            figures.put("selector", summary(selector));
            if (selector.verdict().outcome() != Outcome.SERVICE_NETWORKING) {
                wrong.add("backend selector: expected SERVICE_NETWORKING, got " + summary(selector));
            }
            assertThat(symptoms(selector, SymptomKind.CLIENT_ERRORS)).as("client errors are evidence").isNotEmpty();
            assertThat(selectorClient.errors()).containsKey(ClientError.HTTP_5XX);
            assertThat(selectorClient.impact()).isNotEqualTo(ClientImpact.NONE);

            // The real node's node agent (a DaemonSet's pod) relabelled into the backend's Service: answers come from a
            // workload that is not the backend. Named, not picked by the seed among the agents: the kwok node's agent runs
            // no container. Its labels then match no ReplicaSet's selector (theirs include pod-template-hash), so
            // nothing adopts or deletes it; its DaemonSet releases it and starts another agent.
            String agent = realNodeAgent(cluster.cluster().client());
            InjectionRun relabel = injections.run(spec(Target.named("Pod", "shop", agent), "value",
                    Map.of("field", "metadata.labels[app.kubernetes.io/name]", "change", "set", "to", "backend")), baseline);
            figures.put("relabel", summary(relabel));
            if (relabel.verdict().outcome() != Outcome.SERVICE_NETWORKING) {
                wrong.add("relabelled pod: expected SERVICE_NETWORKING, got " + summary(relabel));
            }
            if (symptoms(relabel, SymptomKind.CLIENT_WRONG_WORKLOAD).isEmpty() || !client(relabel).errors().containsKey(ClientError.WRONG_WORKLOAD)) {
                wrong.add("relabelled pod: no answers from the wrong workload in " + summary(relabel));
            }

            // The frontend's image cannot be found on the real node: the rollout's new pod never starts (ErrImageNeverPull,
            // imagePullPolicy Never), the old three keep serving (maxUnavailable 0). Not excess: a replica not got.
            InjectionRun image = injections.run(spec(Target.named("Deployment", "shop", "frontend"), "value",
                    Map.of("field", IMAGE_FIELD, "change", "set", "to", MISSING_IMAGE)), baseline);
            figures.put("image (real node)", summary(image));
            realImage = image.verdict();
            realImageEnd = image.observation().lastSample();
        }
        assertThat(frontendPods(realImageEnd)).as("a frontend pod with the missing image is not ready on the real node")
                .anySatisfy(p -> assertThat(p.ready()).isFalse());
        assertThat(frontendPods(realImageEnd)).as("and its container cannot start")
                .anySatisfy(p -> assertThat(p.cannotStart()).isTrue());
        if (realImage.outcome() != Outcome.UNDER_PROVISIONING) {
            wrong.add("image on the real node: expected UNDER_PROVISIONING, got " + realImage.outcome() + " " + realImage.symptoms());
        }
        assertThat(realImage.symptoms()).as("the stuck pod and its reason are evidence: " + realImage)
                .anySatisfy(s -> {
                    assertThat(s.kind()).isEqualTo(SymptomKind.PODS_CANNOT_START);
                    assertThat(s.subject()).isEqualTo("Deployment/shop/frontend");
                    assertThat(s.signal()).startsWith("pod frontend-");
                    assertThat(s.value()).contains("ErrImageNeverPull");
                    assertThat(s.presentAtEnd()).isTrue();
                })
                // Until kubelet says why the new pod waits (the first second or so it is only Pending), it counts as
                // a fourth pod; once it is known not to start, it is not excess.
                .noneSatisfy(s -> {
                    assertThat(s.kind()).isEqualTo(SymptomKind.PODS_ABOVE_GOLDEN);
                    assertThat(s.presentAtEnd()).isTrue();
                });

        Campaign kwok = new CampaignLoader().load(TestCampaigns.write(tmp.resolve("kwok"), """
                name: kwok-workload
                cluster: {nodes: 1}
                workload: [workloads/]
                faults:
                  - operator: delete
                    sample: 1
                observationWindow: 15s
                settleTime: 2s
                goldenRuns: 2
                """));
        Sample kwokImageEnd;
        try (CampaignCluster cluster = CampaignCluster.start(kwok, kwok.cluster(), c -> { }, System.out::println)) {
            InjectionRunner injections = new InjectionRunner(cluster, kwok.observationWindow(), kwok.settleTime(), kwok.reset());
            Baseline baseline = injections.learnBaseline(kwok.goldenRuns());
            InjectionRun image = injections.run(spec(Target.named("Deployment", "shop", "frontend"), "value",
                    Map.of("field", IMAGE_FIELD, "change", "set", "to", MISSING_IMAGE)), baseline);
            figures.put("image (kwok only)", summary(image));
            kwokImageEnd = image.observation().lastSample();
            assertThat(image.verdict().client()).as("no traffic, no client view on kwok").isNull();
        }
        figures.forEach((name, s) -> System.out.printf("RealWorkloadLiveTest %-18s %s%n", name, s));
        assertThat(frontendPods(kwokImageEnd)).as("kwok runs no container: every frontend pod is ready whatever its image")
                .isNotEmpty().allSatisfy(p -> assertThat(p.ready()).isTrue());
        assertThat(wrong).isEmpty();
    }

    /** The node agent on a node that is not kwok's (kwok marks its nodes with the annotation kwok.x-k8s.io/node). */
    private static String realNodeAgent(KubernetesClient k8s) {
        Set<String> kwokNodes = k8s.nodes().list().getItems().stream()
                .filter(n -> n.getMetadata().getAnnotations() != null && n.getMetadata().getAnnotations().containsKey("kwok.x-k8s.io/node"))
                .map(n -> n.getMetadata().getName()).collect(Collectors.toSet());
        return k8s.pods().inNamespace("shop").withLabel("app.kubernetes.io/name", "node-agent").list().getItems().stream()
                .filter(p -> p.getSpec().getNodeName() != null && !kwokNodes.contains(p.getSpec().getNodeName()))
                .map(p -> p.getMetadata().getName()).findFirst()
                .orElseThrow(() -> new AssertionError("no node agent on a real node"));
    }

    private static List<PodStatus> frontendPods(Sample s) {
        return s.pods().stream().filter(p -> "shop".equals(p.namespace()) && p.name().startsWith("frontend-") && p.live()
                && !p.deleting()).toList();
    }

    private static ClientView client(InjectionRun run) {
        assertThat(run.verdict().client()).as("the verdict has the client's view").isNotNull();
        return run.verdict().client();
    }

    private static List<Symptom> symptoms(InjectionRun run, SymptomKind kind) {
        return run.verdict().symptoms().stream().filter(s -> s.kind() == kind).toList();
    }

    private static String summary(InjectionRun run) {
        Verdict v = run.verdict();
        ClientView c = v.client();
        return v.outcome() + (c == null ? "" : String.format(" client: %s availability %.3f errors %s worst %.2f at +%dms",
                c.impact(), c.availability(), c.errors(), c.worstSecondAvailability(), c.worstSecondMillis()))
                + " symptoms " + v.symptoms().stream().map(s -> s.kind() + " " + s.subject()
                        + (s.decisive() ? " " + s.signal() + "=" + s.value() : "")).toList();
    }

    private static InjectionSpec spec(Target target, String operator, Map<String, String> parameters) {
        return InjectionSpec.of(target, operator, parameters, 42);
    }
}
