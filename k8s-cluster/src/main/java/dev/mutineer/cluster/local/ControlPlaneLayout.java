package dev.mutineer.cluster.local;

import dev.mutineer.cluster.ClusterConfig;
import dev.mutineer.cluster.Component;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the command lines of a local control plane are made of: where the binaries and files
 * are, which ports the components use, and the flags a caller chose.
 *
 * @param binaries       the executables
 * @param workDir        the cluster's work directory (etcd's data, kwok's stages)
 * @param ports          the components' ports on 127.0.0.1
 * @param pki            the certificates and keys
 * @param kubeconfig     the admin kubeconfig the API server's clients use
 * @param featureGates   passed to kube-apiserver, kube-controller-manager and kube-scheduler
 * @param leaderElection for kube-controller-manager and kube-scheduler
 * @param etcdServers    what the API server's --etcd-servers names: etcd itself, or an interposer in front of it
 *                       (either serves a certificate of etcd's CA and asks for the API server's etcd client certificate)
 * @param networkNamespace the network namespace every component runs in (real nodes, issue 11), or none: the host's
 */
record ControlPlaneLayout(Binaries binaries, Path workDir, ComponentPorts ports, Pki.PkiFiles pki, Path kubeconfig,
                          Map<String, Boolean> featureGates, boolean leaderElection, URI etcdServers,
                          Optional<String> networkNamespace) {

    ControlPlaneLayout {
        featureGates = Map.copyOf(featureGates);
    }

    /** A layout whose API server talks to etcd itself. */
    static ControlPlaneLayout direct(Binaries binaries, Path workDir, ComponentPorts ports, Pki.PkiFiles pki,
                                     Path kubeconfig, Map<String, Boolean> featureGates, boolean leaderElection) {
        return new ControlPlaneLayout(binaries, workDir, ports, pki, kubeconfig, featureGates, leaderElection,
                URI.create(etcdUrl(ports)), Optional.empty());
    }

    ControlPlaneLayout withEtcdServers(URI uri) {
        return new ControlPlaneLayout(binaries, workDir, ports, pki, kubeconfig, featureGates, leaderElection, uri,
                networkNamespace);
    }

    /** The same layout with every component inside the named network namespace. */
    ControlPlaneLayout inNetworkNamespace(String name) {
        return new ControlPlaneLayout(binaries, workDir, ports, pki, kubeconfig, featureGates, leaderElection, etcdServers,
                Optional.of(name));
    }

    /** etcd serves clients over TLS only and asks each for a certificate of its own CA (as kubeadm's). */
    static String etcdUrl(ComponentPorts ports) {
        return "https://127.0.0.1:" + ports.etcd();
    }

    String etcdUrl() {
        return etcdUrl(ports);
    }

    String etcdPeerUrl() {
        return "https://127.0.0.1:" + ports.etcdPeer();
    }

    EtcdPkiFiles etcdPki() {
        return pki.etcd();
    }

    String apiserverUrl() {
        return "https://127.0.0.1:" + ports.apiserver();
    }

    Path etcdDataDir() {
        return workDir.resolve("etcd-data");
    }

    Path kwokStages() {
        return workDir.resolve(LocalWorkDir.KWOK_STAGES);
    }

    Path binary(Component c) {
        return binaries.path(c);
    }

    /** "A=true,B=false" in sorted order, or "" when no gate is set. */
    String featureGatesFlag() {
        return ClusterConfig.featureGatesFlag(featureGates);
    }
}
