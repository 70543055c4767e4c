package dev.mutineer.injector.inflight;

import dev.mutineer.cluster.local.EtcdPkiFiles;
import dev.mutineer.cluster.local.LocalCluster;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static dev.mutineer.cluster.local.LiveChecks.await;
import static dev.mutineer.cluster.local.LiveChecks.deployment;
import static dev.mutineer.cluster.local.LiveChecks.readyEndpoints;
import static dev.mutineer.cluster.local.LiveChecks.runningPods;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real 3-node local cluster whose API server reaches etcd only through the interposer: it
 * behaves as without it, and each request and watch rule has its effect on the cluster. The test
 * reads etcd directly (cluster.etcd()) to see what really got stored.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InterposedClusterTest {

    static final String NS = "default";
    static final String WEB_KEY = "/registry/deployments/" + NS + "/web";
    static EtcdInterposer interposer;
    static LocalCluster cluster;
    static KubernetesClient k8s;
    static KubernetesClient noRetry;
    static Client etcd;

    @BeforeAll
    static void startCluster() throws Exception {
        interposer = new EtcdInterposer();
        cluster = new LocalCluster().withNodes(3).withEtcdInterposer(interposer::start).start();
        k8s = cluster.client();
        Config base = Config.fromKubeconfig(Files.readString(cluster.kubeconfig()));
        noRetry = new KubernetesClientBuilder().withConfig(new ConfigBuilder(base).withRequestRetryBackoffLimit(0).build()).build();
        etcd = cluster.etcd().connect();
    }

    @AfterAll
    static void stopCluster() {
        for (AutoCloseable c : new AutoCloseable[] {etcd, noRetry, cluster, interposer}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing the rest matters more
                }
            }
        }
    }

    @Test
    @Order(1)
    void clusterBehindTheInterposerRunsADeploymentServesItsEndpointsAndScales() {
        assertThat(cluster.etcdUrl()).isNotEqualTo(interposer.url().toString());
        k8s.apps().deployments().inNamespace(NS).resource(deployment("web", 3)).create();
        k8s.services().inNamespace(NS).resource(new ServiceBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec().addToSelector("app", "web")
                .addNewPort().withPort(80).withTargetPort(new IntOrString(8080)).endPort().endSpec()
                .build()).create();
        await("3 web pods Running with IPs", () -> runningPods(k8s, NS, "web").size() == 3);
        await("EndpointSlice of web lists 3 ready endpoints", () -> readyEndpoints(k8s, NS, "web") == 3);

        k8s.apps().deployments().inNamespace(NS).withName("web").scale(5);
        await("5 web pods after scaling up", () -> runningPods(k8s, NS, "web").size() == 5);
        k8s.apps().deployments().inNamespace(NS).withName("web").scale(3);
        await("3 web pods after scaling down", () -> runningPods(k8s, NS, "web").size() == 3);
        await("web settled: 3 ready endpoints", () -> readyEndpoints(k8s, NS, "web") == 3);
        assertThat(interposer.rules().evidence()).isEmpty();
    }

    @Test
    @Order(2)
    void latencyOnDeploymentWritesDelaysTheClientsUpdate() {
        long before = timeMillis(() -> annotate("web", "mutineer/latency", "off"));
        interposer.rules().install(Rule.of("slow-web-writes", Selector.writes(WEB_KEY), Count.every(),
                new Action.AddLatency(Duration.ofMillis(700))));
        long during = timeMillis(() -> annotate("web", "mutineer/latency", "on"));
        interposer.rules().clear("slow-web-writes");

        assertThat(during).isGreaterThanOrEqualTo(700).isGreaterThan(before + 500);
        assertThat(storedDeployment("web")).contains("mutineer/latency").contains("on");
    }

    @Test
    @Order(3)
    void failedDeploymentWriteReachesTheClientAsAnError() {
        interposer.rules().install(Rule.of("fail-web-writes", Selector.writes(WEB_KEY), Count.every(),
                new Action.Fail(Status.Code.INTERNAL, "injected by mutineer")));
        assertThatThrownBy(() -> annotate(noRetry, "web", "mutineer/fail", "never-stored"))
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isGreaterThanOrEqualTo(500));
        ActiveRule failed = interposer.rules().clear("fail-web-writes");

        assertThat(storedDeployment("web")).doesNotContain("never-stored");
        assertThat(failed.evidence()).isNotEmpty()
                .allSatisfy(f -> assertThat(f.key()).isEqualTo(WEB_KEY));
    }

    @Test
    @Order(4)
    void droppedDeploymentUpdateLooksSuccessfulButEtcdNeverGetsIt() {
        // Every Deployment write while the client's update is in flight: with nth(1) the
        // deployment controller's own status write sometimes came first and took the drop.
        ActiveRule drop = interposer.rules().install(Rule.of("lose-web-update", Selector.writesOf("Deployment"),
                Count.every(), new Action.DropWrite()));
        Deployment answered = annotate(noRetry, "web", "mutineer/drop", "lost-update");
        interposer.rules().clear("lose-web-update");

        // The client saw success: the API server answered with the changed object.
        assertThat(answered.getMetadata().getAnnotations()).containsEntry("mutineer/drop", "lost-update");
        // etcd never got it.
        assertThat(storedDeployment("web")).doesNotContain("lost-update");
        assertThat(drop.evidence()).anySatisfy(f -> {
            assertThat(f.key()).isEqualTo(WEB_KEY);
            assertThat(f.effect()).startsWith("dropped write");
            assertThat(Long.toString(f.revision())).isEqualTo(answered.getMetadata().getResourceVersion());
        });
        // A read from etcd through the API server shows the old object.
        assertThat(k8s.apps().deployments().inNamespace(NS).withName("web").get().getMetadata().getAnnotations())
                .doesNotContainKey("mutineer/drop");
    }

    @Test
    @Order(5)
    void heldPodWatchKeepsTheApiServerOnTheOldStateUntilReleased() throws Exception {
        await("web at 3 Running pods", () -> runningPods(k8s, NS, "web").size() == 3);
        interposer.rules().install(Rule.of("hold-pods", Selector.watch("/registry/pods/"), Count.every(), new Action.HoldWatch()));

        k8s.apps().deployments().inNamespace(NS).withName("web").scale(4);
        // The ReplicaSet controller creates the 4th pod: etcd has it...
        await("4 web pods stored in etcd", () -> storedPodCount("web") == 4);
        Thread.sleep(5_000);
        // ...but the API server's watch cache, and so every informer, still sees 3, and the
        // scheduler never saw the new pod to bind it.
        assertThat(cachedPods("web")).hasSize(3);
        // A consistent LIST (no resourceVersion) asks etcd for its revision, requests progress
        // and waits for the cache to get there. The held watcher's progress notifications are
        // held too, so the cache never claims that revision: after its wait (3 s) the API server
        // reads etcd and answers the truth. Had a progress notification slipped past the held
        // events, the cache would have answered 3 pods as if current.
        long t0 = System.nanoTime();
        assertThat(k8s.pods().inNamespace(NS).withLabel("app", "web").list().getItems()).hasSize(4);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofSeconds(1));
        assertThat(interposer.rules().rule("hold-pods").orElseThrow().evidence())
                .anySatisfy(f -> assertThat(f.key()).startsWith("/registry/pods/" + NS + "/web-"));

        ActiveRule held = interposer.rules().clear("hold-pods");
        await("the watch cache catches up: 4 web pods", () -> cachedPods("web").size() == 4);
        await("the 4th pod is scheduled and Running", () -> runningPods(k8s, NS, "web").size() == 4);
        assertThat(held.evidence())
                .anySatisfy(f -> assertThat(f.effect()).startsWith("released after"));
    }

    @Test
    @Order(6)
    void mutatedDeploymentWriteStoresAnotherReplicaCountThanTheClientAskedFor() {
        await("web settled at 4", () -> {
            Deployment d = k8s.apps().deployments().inNamespace(NS).withName("web").get();
            return d.getStatus() != null && Objects.equals(d.getStatus().getReadyReplicas(), 4)
                    && Objects.equals(d.getStatus().getObservedGeneration(), d.getMetadata().getGeneration());
        });
        ActiveRule mutate = interposer.rules().install(Rule.of("web-replicas+1", Selector.writes(WEB_KEY), Count.nth(1),
                new Action.MutateValue("value", java.util.Map.of("field", "spec.replicas", "change", "increment"), 1)));
        Deployment answered = k8s.apps().deployments().inNamespace(NS).withName("web")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":6}}");
        interposer.rules().clear("web-replicas+1");

        // The API server answered with what it meant to write; etcd stored the mutated value,
        // and the controllers act on that.
        assertThat(answered.getSpec().getReplicas()).isEqualTo(6);
        assertThat(mutate.evidence()).singleElement()
                .satisfies(f -> assertThat(f.effect()).startsWith("mutated " + WEB_KEY).contains("spec.replicas"));
        assertThat(k8s.apps().deployments().inNamespace(NS).withName("web").get().getSpec().getReplicas()).isEqualTo(7);
        await("7 web pods Running", () -> runningPods(k8s, NS, "web").size() == 7);
    }

    @Test
    @Order(7)
    void theRelayReconnectsWhenEtcdRestarts() {
        cluster.restart(dev.mutineer.cluster.Component.ETCD);
        await("API server reads through the interposer again", () -> {
            try {
                return k8s.apps().deployments().inNamespace(NS).withName("web").get() != null;
            } catch (KubernetesClientException e) {
                return false;
            }
        });
        k8s.apps().deployments().inNamespace(NS).withName("web").scale(3);
        await("3 web pods after scaling down behind a restarted etcd", () -> runningPods(k8s, NS, "web").size() == 3);
    }

    // -------------------------------------------------------------------------------------

    @Test
    @Order(8)
    void theInterposerStandsInForEtcdWithMutualTlsAndRefusesClientsWithoutEtcdsCertificates() throws Exception {
        EtcdPkiFiles pki = cluster.pkiFiles().etcd();
        assertThat(interposer.url().getScheme()).isEqualTo("https");
        assertThat(cluster.etcdUrl()).startsWith("https://");
        // the API server got etcd's CA and its own client certificate, and talks to the interposer with them
        String apiserver = ProcessHandle.of(cluster.pids().get("kube-apiserver")).orElseThrow().info().arguments()
                .map(a -> String.join(" ", a)).orElseThrow();
        assertThat(apiserver).contains("--etcd-servers=" + interposer.url(), "--etcd-cafile=" + pki.caCert(),
                "--etcd-certfile=" + pki.apiserverClient().cert());

        SslContext own = GrpcSslContexts.forClient().trustManager(pki.caCert().toFile())
                .keyManager(pki.mutineerClient().cert().toFile(), pki.mutineerClient().key().toFile()).build();
        assertThat(rangeThroughInterposer(own)).as("a certificate of etcd's CA").isEqualTo(Status.Code.OK);
        SslContext none = GrpcSslContexts.forClient().trustManager(pki.caCert().toFile()).build();
        assertThat(rangeThroughInterposer(none)).as("no client certificate").isEqualTo(Status.Code.UNAVAILABLE);
        Path kubernetesPki = cluster.pkiFiles().caCert().getParent();
        SslContext otherCa = GrpcSslContexts.forClient().trustManager(pki.caCert().toFile())
                .keyManager(kubernetesPki.resolve("admin.crt").toFile(), kubernetesPki.resolve("admin.key").toFile()).build();
        assertThat(rangeThroughInterposer(otherCa)).as("the Kubernetes CA's admin certificate").isEqualTo(Status.Code.UNAVAILABLE);
    }

    /**
     * One Range of the whole keyspace's first key, through the interposer, with grpc-java itself: unlike jetcd, it
     * answers a refused handshake with UNAVAILABLE at once instead of retrying until a deadline.
     */
    private static Status.Code rangeThroughInterposer(SslContext tls) throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", interposer.url().getPort()).sslContext(tls).build();
        try {
            MethodDescriptor<byte[], byte[]> range = MethodDescriptor.newBuilder(RawBytes.INSTANCE, RawBytes.INSTANCE)
                    .setFullMethodName(EtcdMethods.RANGE).setType(MethodDescriptor.MethodType.UNARY).build();
            // RangeRequest{key: "/registry/", limit: 1}: field 1 (bytes), field 3 (varint)
            byte[] request = {0x0a, 10, '/', 'r', 'e', 'g', 'i', 's', 't', 'r', 'y', '/', 0x18, 1};
            ClientCalls.blockingUnaryCall(channel, range, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), request);
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static void annotate(String deployment, String key, String value) {
        annotate(k8s, deployment, key, value);
    }

    /** A merge patch without resourceVersion: the controllers' own status writes cannot make it conflict. */
    private static Deployment annotate(KubernetesClient client, String deployment, String key, String value) {
        return client.apps().deployments().inNamespace(NS).withName(deployment).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"" + key + "\":\"" + value + "\"}}}");
    }

    /** The Deployment's bytes as etcd stores them, read around the interposer (protobuf: strings show as text). */
    private static String storedDeployment(String name) {
        try {
            var kvs = etcd.getKVClient().get(bs("/registry/deployments/" + NS + "/" + name)).get(10, TimeUnit.SECONDS).getKvs();
            assertThat(kvs).hasSize(1);
            return kvs.get(0).getValue().toString(StandardCharsets.ISO_8859_1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static long storedPodCount(String app) {
        try {
            return etcd.getKVClient().get(bs("/registry/pods/" + NS + "/" + app + "-"),
                    GetOption.builder().isPrefix(true).withCountOnly(true).build()).get(10, TimeUnit.SECONDS).getCount();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** resourceVersion=0: served from the API server's watch cache, as informers list. */
    private static List<Pod> cachedPods(String app) {
        return k8s.pods().inNamespace(NS).withLabel("app", app)
                .list(new ListOptionsBuilder().withResourceVersion("0").build()).getItems();
    }

    private static long timeMillis(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private static ByteSequence bs(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
