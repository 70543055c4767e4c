package dev.mutineer.cluster.local;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.TxnLimits;
import dev.mutineer.cluster.netns.NetworkNamespace;

import java.util.ArrayList;
import java.util.List;

/** The argv of each component of a local control plane, derived from its {@link ControlPlaneLayout} alone. */
final class CommandLines {

    static final String CLUSTER_CIDR = "10.244.0.0/16";
    static final String SERVICE_CIDR = "10.96.0.0/16";
    static final String SERVICE_ACCOUNT_ISSUER = "https://kubernetes.default.svc.cluster.local";
    static final String KWOK_NODE_SELECTOR = "kwok.x-k8s.io/node=fake";

    /**
     * What one etcd transaction may hold here: a steady-state restore is one transaction, and a 5,000-node
     * cluster's objects are about 20 MiB. etcd only checks these limits; it allocates nothing for them.
     */
    static final TxnLimits ETCD_TXN_LIMITS = new TxnLimits(100_000, 64L * 1024 * 1024);

    private CommandLines() {
    }

    /** The argv that starts the component: its own, entering the layout's network namespace if it has one. */
    static List<String> of(Component c, ControlPlaneLayout l) {
        List<String> argv = switch (c) {
            case ETCD -> etcd(l);
            case APISERVER -> apiserver(l);
            case CONTROLLER_MANAGER -> controllerManager(l);
            case SCHEDULER -> scheduler(l);
            case KWOK -> kwok(l);
            case CONTAINERD, KUBELET, KUBE_PROXY -> throw new IllegalArgumentException(c.binary() + " runs on a real node (node.NodeConfigs)");
        };
        // nsenter execs the component: its PID, and the work directory on its command line, stay the reaper's
        return l.networkNamespace().map(ns -> NetworkNamespace.enter(ns, argv)).orElse(argv);
    }

    static List<String> etcd(ControlPlaneLayout l) {
        EtcdPkiFiles pki = l.etcdPki();
        return List.of(l.binary(Component.ETCD).toString(),
                "--name=mutineer", "--data-dir=" + l.etcdDataDir(),
                "--listen-client-urls=" + l.etcdUrl(), "--advertise-client-urls=" + l.etcdUrl(),
                "--listen-peer-urls=" + l.etcdPeerUrl(), "--initial-advertise-peer-urls=" + l.etcdPeerUrl(),
                "--initial-cluster=mutineer=" + l.etcdPeerUrl(),
                // kubeadm's etcd: mutual TLS on both ports, clients and peers need a certificate of etcd's own CA.
                "--client-cert-auth=true", "--trusted-ca-file=" + pki.caCert(),
                "--cert-file=" + pki.server().cert(), "--key-file=" + pki.server().key(),
                "--peer-client-cert-auth=true", "--peer-trusted-ca-file=" + pki.caCert(),
                "--peer-cert-file=" + pki.peer().cert(), "--peer-key-file=" + pki.peer().key(),
                // A disposable cluster needs no durability; fsync dominates write latency here.
                "--unsafe-no-fsync=true",
                "--quota-backend-bytes=4294967296",
                "--max-txn-ops=" + ETCD_TXN_LIMITS.maxOps(), "--max-request-bytes=" + ETCD_TXN_LIMITS.maxBytes(),
                "--log-level=warn");
    }

    static List<String> apiserver(ControlPlaneLayout l) {
        List<String> cmd = new ArrayList<>(List.of(l.binary(Component.APISERVER).toString(),
                "--etcd-servers=" + l.etcdServers(),
                "--etcd-cafile=" + l.etcdPki().caCert(),
                "--etcd-certfile=" + l.etcdPki().apiserverClient().cert(),
                "--etcd-keyfile=" + l.etcdPki().apiserverClient().key(),
                "--etcd-prefix=/registry",
                "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1",
                "--secure-port=" + l.ports().apiserver(),
                "--tls-cert-file=" + l.pki().serverCert(), "--tls-private-key-file=" + l.pki().serverKey(),
                "--client-ca-file=" + l.pki().caCert(),
                "--service-account-issuer=" + SERVICE_ACCOUNT_ISSUER,
                "--service-account-key-file=" + l.pki().serviceAccountPublicKey(),
                "--service-account-signing-key-file=" + l.pki().serviceAccountPrivateKey(),
                "--service-cluster-ip-range=" + SERVICE_CIDR,
                "--authorization-mode=Node,RBAC", "--allow-privileged=true",
                // The "kubernetes" Service cannot have a loopback endpoint; nothing simulated needs it.
                "--endpoint-reconciler-type=none",
                "--profiling=false"));
        if (l.networkNamespace().isPresent()) {
            // Real nodes: logs and exec reach a kubelet by its node IP; the namespace resolves no node host names.
            cmd.add("--kubelet-preferred-address-types=InternalIP");
        }
        return withFeatureGates(l, cmd);
    }

    static List<String> controllerManager(ControlPlaneLayout l) {
        List<String> cmd = new ArrayList<>(List.of(l.binary(Component.CONTROLLER_MANAGER).toString()));
        cmd.addAll(servingFlags(l, l.ports().controllerManager()));
        cmd.addAll(List.of(
                "--allocate-node-cidrs=true", "--cluster-cidr=" + CLUSTER_CIDR, "--node-cidr-mask-size=24",
                "--service-cluster-ip-range=" + SERVICE_CIDR,
                "--root-ca-file=" + l.pki().caCert(),
                "--service-account-private-key-file=" + l.pki().serviceAccountPrivateKey(),
                "--use-service-account-credentials=false"));
        return withFeatureGates(l, cmd);
    }

    static List<String> scheduler(ControlPlaneLayout l) {
        List<String> cmd = new ArrayList<>(List.of(l.binary(Component.SCHEDULER).toString()));
        cmd.addAll(servingFlags(l, l.ports().scheduler()));
        return withFeatureGates(l, cmd);
    }

    static List<String> kwok(ControlPlaneLayout l) {
        return List.of(l.binary(Component.KWOK).toString(),
                "--kubeconfig=" + l.kubeconfig(),
                "--config=" + l.kwokStages(),
                "--manage-all-nodes=false",
                "--manage-nodes-with-annotation-selector=" + KWOK_NODE_SELECTOR,
                "--cidr=" + CLUSTER_CIDR,
                "--node-ip=127.0.0.1",
                "--node-lease-duration-seconds=40",
                "--server-address=127.0.0.1:" + l.ports().kwok());
    }

    /** The API server's clients that serve health over TLS: controller-manager and scheduler alike. */
    private static List<String> servingFlags(ControlPlaneLayout l, int port) {
        return List.of("--kubeconfig=" + l.kubeconfig(),
                "--bind-address=127.0.0.1", "--secure-port=" + port,
                "--tls-cert-file=" + l.pki().serverCert(), "--tls-private-key-file=" + l.pki().serverKey(),
                "--leader-elect=" + l.leaderElection(),
                "--profiling=false");
    }

    /** etcd and kwok know no Kubernetes feature gates (an unknown flag stops them). */
    private static List<String> withFeatureGates(ControlPlaneLayout l, List<String> cmd) {
        String gates = l.featureGatesFlag();
        if (gates.isEmpty()) {
            return List.copyOf(cmd);
        }
        List<String> out = new ArrayList<>(cmd);
        out.add("--feature-gates=" + gates);
        return List.copyOf(out);
    }
}
