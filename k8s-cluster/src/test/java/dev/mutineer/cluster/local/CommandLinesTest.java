package dev.mutineer.cluster.local;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.TlsIdentity;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The flags of the local control plane that the rest of mutineer relies on, without starting anything. */
class CommandLinesTest {

    private static final Path WORK = Path.of("/tmp/mutineer-local-test");
    private static final ComponentPorts PORTS = new ComponentPorts(2379, 2380, 6443, 10257, 10259, 10247);
    private static final Path ETCD_CA = WORK.resolve("pki/etcd/ca.crt");
    private static final EtcdPkiFiles ETCD_PKI = new EtcdPkiFiles(ETCD_CA, identity("etcd/server"), identity("etcd/peer"),
            identity("apiserver-etcd-client"), identity("etcd/mutineer-client"), identity("etcd/interposer"));
    private static final Pki.PkiFiles PKI = new Pki.PkiFiles(WORK.resolve("pki/ca.crt"), WORK.resolve("pki/apiserver.crt"),
            WORK.resolve("pki/apiserver.key"), WORK.resolve("pki/admin.crt"), WORK.resolve("pki/admin.key"),
            WORK.resolve("pki/sa.pub"), WORK.resolve("pki/sa.key"), ETCD_PKI);

    private static TlsIdentity identity(String name) {
        return new TlsIdentity(ETCD_CA, WORK.resolve("pki/" + name + ".crt"), WORK.resolve("pki/" + name + ".key"));
    }
    private static final Binaries BIN = new Binaries(Path.of("/opt/bin"), "1.36.3", "3.6.16", "0.8.0");

    private static ControlPlaneLayout layout(Map<String, Boolean> gates) {
        return ControlPlaneLayout.direct(BIN, WORK, PORTS, PKI, WORK.resolve("kubeconfig.yaml"), gates, false);
    }

    private static final ControlPlaneLayout PLAIN = layout(Map.of());

    @Test
    void everyComponentRunsItsOwnBinaryAndNamesTheWorkDirectory() {
        for (Component c : Component.controlPlane()) {
            List<String> argv = CommandLines.of(c, PLAIN);
            assertThat(argv.get(0)).isEqualTo("/opt/bin/" + c.binary());
            // the reaper only kills a PID whose command line names the cluster's work directory
            assertThat(String.join(" ", argv)).as(c.binary()).contains(WORK.toString());
        }
    }

    @Test
    void everyListeningAddressIsLoopback() {
        Pattern hostFlag = Pattern.compile("--(?:listen-client-urls|advertise-client-urls|listen-peer-urls|initial-advertise-peer-urls"
                + "|initial-cluster|bind-address|advertise-address|node-ip|server-address)=(.*)");
        for (Component c : Component.controlPlane()) {
            int checked = 0;
            for (String arg : CommandLines.of(c, PLAIN)) {
                Matcher m = hostFlag.matcher(arg);
                if (m.matches()) {
                    checked++;
                    for (String value : m.group(1).split(",")) {
                        assertThat(host(value)).as("%s %s", c.binary(), arg).isEqualTo("127.0.0.1");
                    }
                }
            }
            assertThat(checked).as("%s has a listening flag", c.binary()).isPositive();
        }
    }

    @Test
    void etcdServesClientsAndPeersOnItsOwnPortsAndTakesARestoreInOneTransaction() {
        List<String> etcd = CommandLines.etcd(PLAIN);
        assertThat(etcd).contains("--listen-client-urls=https://127.0.0.1:2379", "--listen-peer-urls=https://127.0.0.1:2380",
                "--initial-cluster=mutineer=https://127.0.0.1:2380", "--data-dir=" + WORK.resolve("etcd-data"));
        assertThat(flag(etcd, "--max-txn-ops")).map(Integer::parseInt).hasValueSatisfying(ops -> assertThat(ops).isGreaterThanOrEqualTo(10_000));
        assertThat(flag(etcd, "--max-request-bytes")).map(Long::parseLong)
                .hasValue(CommandLines.ETCD_TXN_LIMITS.maxBytes());
        assertThat(flag(etcd, "--max-txn-ops")).map(Integer::parseInt).hasValue(CommandLines.ETCD_TXN_LIMITS.maxOps());
    }

    @Test
    void etcdAsksEveryClientAndPeerForACertificateOfItsOwnCaAsKubeadmDoes() {
        List<String> etcd = CommandLines.etcd(PLAIN);
        assertThat(etcd).contains("--client-cert-auth=true", "--trusted-ca-file=" + ETCD_CA,
                "--cert-file=" + ETCD_PKI.server().cert(), "--key-file=" + ETCD_PKI.server().key(),
                "--peer-client-cert-auth=true", "--peer-trusted-ca-file=" + ETCD_CA,
                "--peer-cert-file=" + ETCD_PKI.peer().cert(), "--peer-key-file=" + ETCD_PKI.peer().key());
        assertThat(etcd).as("no plaintext URL, no CA but etcd's own").noneMatch(a -> a.contains("http://"))
                .noneMatch(a -> a.contains(PKI.caCert().toString()));
        assertThat(ETCD_CA).as("etcd's CA is not the cluster's").isNotEqualTo(PKI.caCert());
    }

    @Test
    void apiserverPresentsItsOwnEtcdClientCertificateAndChecksEtcdByEtcdsCa() {
        List<String> apiserver = CommandLines.apiserver(PLAIN);
        assertThat(apiserver).contains("--etcd-cafile=" + ETCD_CA,
                "--etcd-certfile=" + ETCD_PKI.apiserverClient().cert(), "--etcd-keyfile=" + ETCD_PKI.apiserverClient().key());
        ControlPlaneLayout interposed = PLAIN.withEtcdServers(URI.create("https://127.0.0.1:40000"));
        assertThat(CommandLines.apiserver(interposed)).as("the same certificates before an interposer")
                .contains("--etcd-cafile=" + ETCD_CA, "--etcd-certfile=" + ETCD_PKI.apiserverClient().cert());
    }

    @Test
    void apiserverReachesEtcdOrItsInterposerAndSignsServiceAccountTokens() {
        List<String> apiserver = CommandLines.apiserver(PLAIN);
        assertThat(flag(apiserver, "--etcd-servers")).hasValue("https://127.0.0.1:2379");
        assertThat(apiserver).contains("--etcd-prefix=/registry", "--secure-port=6443",
                "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                "--service-account-key-file=" + PKI.serviceAccountPublicKey(),
                "--service-account-signing-key-file=" + PKI.serviceAccountPrivateKey(),
                "--client-ca-file=" + PKI.caCert(), "--service-cluster-ip-range=" + CommandLines.SERVICE_CIDR);

        ControlPlaneLayout interposed = PLAIN.withEtcdServers(URI.create("https://127.0.0.1:40000"));
        assertThat(flag(CommandLines.apiserver(interposed), "--etcd-servers")).hasValue("https://127.0.0.1:40000");
        assertThat(CommandLines.etcd(interposed)).as("etcd itself stays where it is").isEqualTo(CommandLines.etcd(PLAIN));
    }

    @Test
    void controllerManagerHandsOutPodCidrsApartFromServiceAddresses() {
        List<String> cm = CommandLines.controllerManager(PLAIN);
        assertThat(cm).contains("--allocate-node-cidrs=true", "--cluster-cidr=10.244.0.0/16", "--node-cidr-mask-size=24",
                "--service-cluster-ip-range=10.96.0.0/16", "--kubeconfig=" + WORK.resolve("kubeconfig.yaml"),
                "--service-account-private-key-file=" + PKI.serviceAccountPrivateKey(), "--leader-elect=false");
        assertThat(CommandLines.CLUSTER_CIDR).isNotEqualTo(CommandLines.SERVICE_CIDR);
        assertThat(flag(CommandLines.kwok(PLAIN), "--cidr")).as("kwok's pod IPs from the same range").hasValue(CommandLines.CLUSTER_CIDR);
    }

    @Test
    void kwokRunsOnlyTheAnnotatedNodesWithTheStagesOfTheWorkDirectory() {
        assertThat(CommandLines.kwok(PLAIN)).contains("--manage-all-nodes=false",
                "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
                "--config=" + WORK.resolve("kwok-stages.yaml"), "--server-address=127.0.0.1:10247");
    }

    @Test
    void featureGatesReachTheKubernetesComponentsSortedAndNotEtcdOrKwok() {
        Map<String, Boolean> gates = new LinkedHashMap<>();
        gates.put("StaleControllerConsistencyReplicaSet", false);
        gates.put("AllowUnsafeMalformedObjectDeletion", true);
        ControlPlaneLayout gated = layout(gates);
        String expected = "--feature-gates=AllowUnsafeMalformedObjectDeletion=true,StaleControllerConsistencyReplicaSet=false";
        for (Component c : List.of(Component.APISERVER, Component.CONTROLLER_MANAGER, Component.SCHEDULER)) {
            assertThat(CommandLines.of(c, gated)).as(c.binary()).contains(expected);
            assertThat(CommandLines.of(c, PLAIN)).as(c.binary() + " without gates")
                    .noneMatch(a -> a.startsWith("--feature-gates"));
        }
        for (Component c : List.of(Component.ETCD, Component.KWOK)) {
            assertThat(CommandLines.of(c, gated)).as(c.binary()).noneMatch(a -> a.startsWith("--feature-gates"));
        }
    }

    @Test
    void leaderElectionIsTheCallersChoice() {
        ControlPlaneLayout electing = new ControlPlaneLayout(BIN, WORK, PORTS, PKI, WORK.resolve("kubeconfig.yaml"), Map.of(),
                true, URI.create("https://127.0.0.1:2379"), Optional.empty());
        assertThat(CommandLines.scheduler(electing)).contains("--leader-elect=true");
        assertThat(CommandLines.controllerManager(electing)).contains("--leader-elect=true");
    }

    @Test
    void inANetworkNamespaceEveryComponentEntersItAndTheApiServerReachesKubeletsByIp() {
        ControlPlaneLayout inside = PLAIN.inNetworkNamespace("mutineer-local-42");
        for (Component c : Component.controlPlane()) {
            List<String> argv = CommandLines.of(c, inside);
            // nsenter execs the component: the PID and the work directory on the command line stay the reaper's
            assertThat(argv.subList(0, 3)).as(c.binary())
                    .containsExactly("nsenter", "--net=/var/run/netns/mutineer-local-42", "/opt/bin/" + c.binary());
            assertThat(argv.subList(2, argv.size())).as(c.binary()).containsAll(CommandLines.of(c, PLAIN));
        }
        assertThat(CommandLines.of(Component.APISERVER, inside)).contains("--kubelet-preferred-address-types=InternalIP");
        assertThat(CommandLines.of(Component.APISERVER, PLAIN)).noneMatch(a -> a.startsWith("--kubelet-preferred-address-types"));
    }

    @Test
    void healthProbesAskEachComponentOnItsOwnPort() {
        assertThat(HealthProbes.url(Component.ETCD, PORTS)).hasToString("https://127.0.0.1:2379/health");
        assertThat(HealthProbes.url(Component.APISERVER, PORTS)).hasToString("https://127.0.0.1:6443/readyz");
        assertThat(HealthProbes.url(Component.CONTROLLER_MANAGER, PORTS)).hasToString("https://127.0.0.1:10257/healthz");
        assertThat(HealthProbes.url(Component.SCHEDULER, PORTS)).hasToString("https://127.0.0.1:10259/healthz");
        assertThat(HealthProbes.url(Component.KWOK, PORTS)).hasToString("http://127.0.0.1:10247/healthz");
    }

    private static Optional<String> flag(List<String> argv, String name) {
        return argv.stream().filter(a -> a.startsWith(name + "=")).map(a -> a.substring(name.length() + 1)).findFirst();
    }

    /** The host of "http://h:p", "name=http://h:p", "h:p" or "h". */
    private static String host(String value) {
        String v = value.contains("=") ? value.substring(value.indexOf('=') + 1) : value;
        if (v.contains("://")) {
            return URI.create(v).getHost();
        }
        return v.contains(":") ? v.substring(0, v.lastIndexOf(':')) : v;
    }
}
