package dev.mutineer.injector.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mutineer.cluster.local.LiveChecks;
import dev.mutineer.cluster.local.LocalCluster;
import dev.mutineer.injector.catalog.FieldPath;
import dev.mutineer.injector.codec.DecodeFailure;
import dev.mutineer.injector.codec.DecodeResult;
import dev.mutineer.injector.codec.StorageCodec;
import dev.mutineer.injector.codec.StorageFormat;
import dev.mutineer.injector.codec.StoredObject;
import dev.mutineer.injector.fields.FieldsReport;
import dev.mutineer.injector.inject.AtRestInjector;
import dev.mutineer.injector.inject.CatalogDiff;
import dev.mutineer.injector.inject.EtcdNeighbours;
import dev.mutineer.injector.inject.EtcdStore;
import dev.mutineer.injector.inject.FieldChange;
import dev.mutineer.injector.inject.FaultEvidence;
import dev.mutineer.cluster.resource.ResourceKind;
import dev.mutineer.cluster.resource.ResourceKinds;
import dev.mutineer.injector.inject.StoredValue;
import dev.mutineer.injector.operator.Mutation;
import dev.mutineer.injector.operator.OperatorInput;
import dev.mutineer.injector.fault.Faults;
import dev.mutineer.injector.spec.InjectionSpec;
import dev.mutineer.injector.spec.Seeds;
import dev.mutineer.injector.spec.Target;
import io.etcd.jetcd.Client;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static dev.mutineer.injector.live.LiveCluster.NS;
import static dev.mutineer.injector.live.LiveCluster.at;
import static dev.mutineer.cluster.local.LiveChecks.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The injector against a real local control plane (etcd, kube-apiserver, controller-manager,
 * scheduler, kwok): the codec on every stored key, every operator on a live Deployment, Pod,
 * Service and Node, and what the API server then serves.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveInjectionTest {

    private static final String PREFIX = "/registry";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static LocalCluster cluster;
    private static KubernetesClient k8s;
    private static Client etcdClient;
    private static EtcdStore store;
    private static final StorageCodec codec = new StorageCodec();

    @BeforeAll
    static void startClusterWithWorkload() {
        cluster = new LocalCluster().withNodes(3).start();
        k8s = LiveCluster.noRetryClient(cluster);
        etcdClient = cluster.etcd().connect();
        store = new EtcdStore(etcdClient);
        LiveCluster.createConfig(k8s);
        LiveCluster.deployWeb(k8s, "web", 3);
        LiveCluster.deployWeb(k8s, "shop", 2);
        LiveCluster.deployWeb(k8s, "cart", 1);
        await("3 web, 2 shop and 1 cart pods Running", WAIT, () -> LiveChecks.runningPods(k8s, NS, "web").size() == 3
                && LiveChecks.runningPods(k8s, NS, "shop").size() == 2 && LiveChecks.runningPods(k8s, NS, "cart").size() == 1);
    }

    @AfterAll
    static void stopCluster() {
        if (etcdClient != null) {
            etcdClient.close();
        }
        if (k8s != null) {
            k8s.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void everyStoredValueDecodesAndEncodesToTheSameBytes() throws IOException {
        List<StoredValue> all = store.list(PREFIX + "/");
        Map<String, Integer> kinds = new TreeMap<>();
        List<String> mismatches = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Set<String> unsupported = new TreeSet<>();
        Set<String> keyTable = new TreeSet<>();
        for (StoredValue v : all) {
            DecodeResult r = codec.decode(v.value());
            if (r instanceof DecodeFailure f) {
                if (f.kind() == DecodeFailure.Kind.UNSUPPORTED) {
                    unsupported.add(v.key().replaceAll("/[^/]+$", "/*") + ": " + f.reason());
                } else {
                    failures.add(v.key() + ": " + f.reason());
                }
                continue;
            }
            StoredObject o = (StoredObject) r;
            // the kind-to-key table agrees with where the API server really stores each kind
            String mapped = ResourceKinds.ofKey(PREFIX, v.key()).map(ResourceKind::kind).orElse("(none)");
            // peerserverleases / masterleases: the API servers' own leases, stored as Endpoints, not a resource
            boolean apiserverLease = v.key().startsWith(PREFIX + "/peerserverleases/") || v.key().startsWith(PREFIX + "/masterleases/");
            if (!mapped.equals(o.kind()) && !apiserverLease) {
                keyTable.add(v.key() + " holds a " + o.kind() + " but maps to " + mapped);
            }
            kinds.merge(o.kind() + (o.format() == StorageFormat.JSON ? " (json)" : ""), 1, Integer::sum);
            if (!java.util.Arrays.equals(codec.encode(o), v.value())) {
                mismatches.add(v.key());
            }
        }
        System.out.println("stored values: " + all.size() + " by kind " + kinds);
        System.out.println("not modelled by client-java-proto: " + unsupported);
        dumpSamples(all);
        assertThat(failures).as("values that do not decode").isEmpty();
        assertThat(mismatches).as("values that do not re-encode to the same bytes").isEmpty();
        assertThat(keyTable).as("ResourceKinds disagrees with the stored keys").isEmpty();
        assertThat(kinds.keySet()).contains("Pod", "ReplicaSet", "Deployment", "Service", "EndpointSlice", "Node", "Lease",
                "ConfigMap", "Secret", "ServiceAccount", "Event", "Namespace", "ClusterRole", "APIService (json)");
        assertThat(all.size() - unsupported.size()).isGreaterThan(100);
    }

    @Test
    @Order(2)
    void fieldsReportListsALivePod() {
        String pod = LiveChecks.runningPods(k8s, NS, "web").get(0).getMetadata().getName();
        FieldsReport report = FieldsReport.read(cluster, "pods", java.util.Optional.of(NS + "/" + pod));
        assertThat(report.rows()).anySatisfy(r -> {
            assertThat(r.path()).isEqualTo("spec.nodeName");
            assertThat(r.value()).startsWith("kwok-node-");
            assertThat(r.dependency()).isEqualTo("name");
        });
        assertThat(report.rows()).anySatisfy(r -> assertThat(r.path()).isEqualTo("metadata.ownerReferences[0].uid"));
        assertThat(report.rows()).anySatisfy(r -> assertThat(r.path()).isEqualTo("spec.containers[0].resources.requests[cpu]"));
    }

    @Test
    @Order(3)
    void operatorsOnALiveDeployment() {
        String api = "/apis/apps/v1/namespaces/default/deployments/web";
        expectServed("Deployment", NS, "web", api, "value", Map.of("field", "spec.replicas", "change", "set", "to", "4"));
        await("4 web pods after the replicas change", WAIT, () -> LiveChecks.runningPods(k8s, NS, "web").size() == 4);
        expectServed("Deployment", NS, "web", api, "bit-flip", Map.of("field", "spec.template.spec.containers[0].image", "byte", "0", "bit", "0"));
        expectServed("Deployment", NS, "web", api, "dependency", Map.of("field", "spec.template.metadata.labels[app]", "to", "nothing"));
        expectUnreadableUntilRepaired("Deployment", NS, "web", "/apis/apps/v1/deployments");
        expectDeleted("Deployment", NS, "cart", "/apis/apps/v1/namespaces/default/deployments/cart");
    }

    @Test
    @Order(4)
    void operatorsOnALivePod() {
        List<String> pods = LiveChecks.runningPods(k8s, NS, "shop").stream().map(p -> p.getMetadata().getName()).sorted().toList();
        String pod = pods.get(0);
        String api = "/api/v1/namespaces/default/pods/" + pod;
        expectServed("Pod", NS, pod, api, "value", Map.of("field", "spec.containers[0].image", "change", "char"));
        expectServed("Pod", NS, pod, api, "bit-flip", Map.of("field", "metadata.labels[app]", "byte", "1", "bit", "1"));
        expectServed("Pod", NS, pod, api, "dependency", Map.of("field", "spec.nodeName", "to", "other"));
        expectUnreadableUntilRepaired("Pod", NS, pod, "/api/v1/pods");
        expectDeleted("Pod", NS, pods.get(1), "/api/v1/namespaces/default/pods/" + pods.get(1));
    }

    @Test
    @Order(5)
    void operatorsOnALiveService() {
        String api = "/api/v1/namespaces/default/services/shop";
        expectServed("Service", NS, "shop", api, "value", Map.of("field", "spec.ports[0].port", "change", "set", "to", "8081"));
        expectServed("Service", NS, "shop", api, "bit-flip", Map.of("field", "spec.selector[app]", "byte", "0", "bit", "2"));
        expectServed("Service", NS, "shop", api, "dependency", Map.of("field", "spec.selector[app]", "to", "nothing"));
        expectUnreadableUntilRepaired("Service", NS, "shop", "/api/v1/services");
        expectDeleted("Service", NS, "cart", "/api/v1/namespaces/default/services/cart");
    }

    @Test
    @Order(6)
    void operatorsOnALiveNode() {
        String node = "kwok-node-2";
        String api = "/api/v1/nodes/" + node;
        expectServed("Node", "", node, api, "value", Map.of("field", "spec.podCIDR", "change", "char"));
        expectServed("Node", "", node, api, "bit-flip", Map.of("field", "metadata.labels[kubernetes.io/hostname]", "byte", "0", "bit", "1"));
        expectServed("Node", "", node, api, "dependency", Map.of("field", "metadata.labels[kubernetes.io/hostname]", "to", "other"));
        expectUnreadableUntilRepaired("Node", "", node, "/api/v1/nodes");
        expectDeleted("Node", "", "kwok-node-1", "/api/v1/nodes/kwok-node-1");
    }

    /**
     * Injects, checks etcd holds exactly the bytes the operator computes from the value read
     * just before, that exactly the intended field changed, and that the API server serves it.
     */
    private void expectServed(String kind, String ns, String name, String apiPath, String operator, Map<String, String> params) {
        String key = ResourceKinds.require(kind).key(PREFIX, ns, name);
        InjectionSpec spec = InjectionSpec.of(new Target(kind, ns, name, ""), operator, params, 17);
        StoredValue before = store.get(key).orElseThrow();
        FaultEvidence r = new AtRestInjector(store, PREFIX).inject(spec);
        assertThat(r.injected()).as(r.reason()).isTrue();

        // the bytes in etcd are those the operator makes of the value it read
        StoredValue after = store.get(key).orElseThrow();
        if (r.modRevisionBefore() == before.modRevision() && after.modRevision() == r.revisionAfter()) {
            Mutation expected = Faults.operator(operator).apply(new OperatorInput(before.value(), codec.decode(before.value()),
                    spec.parameters(), Seeds.forOperator(spec), new EtcdNeighbours(store, PREFIX)));
            assertThat(after.value()).as(operator + " bytes in etcd").isEqualTo(expected.newValue());
        }
        FieldPath path = FieldPath.parse(params.get("field"));
        assertThat(r.changes()).as(operator + " changes").extracting(FieldChange::path).containsExactly(path.toString());
        String newValue = r.changes().get(0).after();

        // the API server serves the mutated value, at or after the injected revision
        await(kind + " " + name + " served with " + path + "=" + newValue, WAIT, () -> {
            JsonNode served = LiveCluster.served(k8s, apiPath).orElseThrow();
            long rv = Long.parseLong(served.path("metadata").path("resourceVersion").asText());
            return rv >= r.revisionAfter() && at(served, path).asText().equals(newValue);
        });
    }

    private void expectUnreadableUntilRepaired(String kind, String ns, String name, String listPath) {
        String key = ResourceKinds.require(kind).key(PREFIX, ns, name);
        FaultEvidence r = new AtRestInjector(store, PREFIX)
                .inject(InjectionSpec.of(new Target(kind, ns, name, ""), "undecodable", Map.of("how", "bad-length"), 1));
        assertThat(r.injected()).as(r.reason()).isTrue();
        assertThat(r.decodesAfter()).isFalse();
        int[] code = {200};
        await("LIST " + listPath + " refused", WAIT, () -> (code[0] = LiveCluster.listCode(k8s, listPath)) != 200);
        // what clients see for a few seconds: a quorum LIST and a LIST from the watch cache (resourceVersion=0)
        Set<Integer> quorum = new TreeSet<>();
        Set<Integer> cached = new TreeSet<>();
        long until = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < until) {
            quorum.add(LiveCluster.listCode(k8s, listPath));
            cached.add(LiveCluster.listCode(k8s, listPath + "?resourceVersion=0"));
        }
        System.out.println("undecodable " + kind + ": LIST " + listPath + " answered " + code[0] + "; over 5 s: quorum LIST "
                + quorum + ", LIST resourceVersion=0 " + cached);
        assertThat(code[0]).isIn(429, 500);
        assertThat(quorum).doesNotContain(200);

        assertThat(store.delete(key)).isEqualTo(1);
        await("LIST " + listPath + " served again after the key was deleted", WAIT, () -> LiveCluster.listCode(k8s, listPath) == 200);
    }

    private void expectDeleted(String kind, String ns, String name, String apiPath) {
        await(kind + " " + name + " served before the delete", WAIT, () -> LiveCluster.served(k8s, apiPath).isPresent());
        FaultEvidence r = new AtRestInjector(store, PREFIX)
                .inject(InjectionSpec.of(new Target(kind, ns, name, ""), "delete", Map.of(), 1));
        assertThat(r.injected()).isTrue();
        await(kind + " " + name + " gone from the API", WAIT, () -> LiveCluster.served(k8s, apiPath).isEmpty());
    }

    /** With -Dmutineer.dumpStored=DIR, writes one real stored value per kind there (bench and property-test samples). */
    private static void dumpSamples(List<StoredValue> all) throws IOException {
        String dir = System.getProperty("mutineer.dumpStored");
        if (dir == null) {
            return;
        }
        Path out = Path.of(dir);
        Files.createDirectories(out);
        Set<String> done = new TreeSet<>();
        for (StoredValue v : all) {
            if ((v.key().contains("/secrets/") && !v.key().endsWith("/web-credentials")) || v.key().contains("kube-root-ca")) {
                continue; // certificates and tokens stay out of the repository; web-credentials holds test data only
            }
            codec.tryDecode(v.value()).ifPresent(o -> {
                boolean preferred = !o.kind().equals("Pod") || o.name().startsWith("web-");
                if (preferred && done.add(o.kind())) {
                    try {
                        Files.write(out.resolve(o.kind() + (o.format() == StorageFormat.JSON ? ".json" : ".pb")), v.value());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
        }
    }
}
