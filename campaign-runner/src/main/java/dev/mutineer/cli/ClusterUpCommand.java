package dev.mutineer.cli;

import dev.mutineer.cluster.Cluster;
import dev.mutineer.cluster.ClusterConfig;
import dev.mutineer.cluster.Clusters;
import dev.mutineer.cluster.EtcdAccess;
import dev.mutineer.cluster.kind.DockerUnavailableException;
import dev.mutineer.cluster.local.LocalCluster;
import dev.mutineer.cluster.node.NodeImages;
import dev.mutineer.cluster.node.RealNode;
import dev.mutineer.cluster.node.RealNodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code mutineer cluster up}: one cluster in the foreground until Ctrl-C. */
@Command(name = "up",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Start a cluster and keep it up until Ctrl-C.",
        description = {
                "Start a cluster, print how to reach it (kubeconfig, kubectl, etcd endpoint), and keep it up "
                        + "until Ctrl-C; then stop every component and remove its files (unless --keep).",
                "",
                "Backends: 'local' (default) runs etcd, kube-apiserver, kube-controller-manager, kube-scheduler "
                        + "and kwok (simulated nodes and pods) as processes on 127.0.0.1; it needs the cluster "
                        + "binaries (see 'mutineer binaries'). 'kind' runs a single-node kind cluster in Docker "
                        + "through Testcontainers; it needs a Docker engine.",
                ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:never in practice: the command runs until interrupted",
                "1:the cluster failed to start",
                "2:bad option value",
                "3:a prerequisite is missing (cluster binaries, Docker engine for kind, root and node packages for --real-nodes)",
                "130:stopped by Ctrl-C after tearing the cluster down",
        })
final class ClusterUpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--backend", paramLabel = "local|kind", defaultValue = ClusterConfig.LOCAL,
            description = "Where the cluster runs (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--nodes", paramLabel = "N",
            description = "Worker nodes: simulated by kwok on local (default 3), the single kind node on kind (default 1).")
    Integer nodes;

    @Option(names = "--real-nodes", paramLabel = "N", defaultValue = "0",
            description = "Local backend: N real nodes (containerd, kubelet, kube-proxy; 0-" + RealNodes.MAX + ") beside the "
                    + "kwok nodes, which then carry the taint kwok.x-k8s.io/node=fake:NoSchedule. The cluster runs in a network "
                    + "namespace of its own. Needs root and the node packages (scripts/install-node-packages.sh). Default: 0.")
    int realNodes;

    @Option(names = "--feature-gates", paramLabel = "GATE=BOOL", split = ",",
            description = "Feature gates for every control-plane component, e.g. "
                    + "StaleControllerConsistencyReplicaSet=false,StaleControllerConsistencyDaemonSet=true.")
    Map<String, Boolean> featureGates = new LinkedHashMap<>();

    @Option(names = "--keep", description = "Keep the work directory (logs, PKI, data) after the cluster stops.")
    boolean keep;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Parent directory for the cluster's files (default: the system temp directory).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        ClusterConfig config;
        try {
            int n = nodes != null ? nodes : ClusterConfig.KIND.equals(backend) ? 1 : 3;
            RealNodes.nodeIps(realNodes); // 0..MAX
            config = new ClusterConfig(backend, n, featureGates, Optional.ofNullable(workDir), keep, realNodes);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Cluster cluster;
        try {
            cluster = Clusters.create(config);
            RealNodeCheck.require(realNodes); // exit 3 before anything starts
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch tornDown = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        // Ctrl-C runs shutdown hooks, not finally blocks of a blocked main thread: tear down here.
        Thread hook = new Thread(() -> {
            stopping.set(true);
            err.println();
            err.println("mutineer: stopping the " + config.backend() + " cluster ...");
            err.flush();
            try {
                cluster.close();
                err.println("mutineer: cluster stopped" + (keep ? "; its files are kept in " + workDirOf(cluster) : ""));
            } catch (RuntimeException e) {
                err.println("mutineer: error while stopping the cluster: " + e.getMessage());
            }
            err.flush();
            tornDown.countDown();
        }, "mutineer-cluster-teardown");
        Runtime.getRuntime().addShutdownHook(hook);

        err.println("mutineer: starting a " + config.backend() + " cluster with " + config.nodes()
                + (config.nodes() == 1 ? " node" : " nodes")
                + (realNodes == 0 ? "" : " + " + realNodes + (realNodes == 1 ? " real node" : " real nodes"))
                + (featureGates.isEmpty() ? "" : " and feature gates " + config.featureGatesFlag()) + " ...");
        err.flush();
        long t0 = System.nanoTime();
        try {
            cluster.start();
        } catch (DockerUnavailableException e) {
            closeAfterFailedStart(cluster, hook);
            throw new Mutineer.PrerequisiteMissing(e.getMessage(), e);
        } catch (RuntimeException e) {
            if (stopping.get()) {
                // Ctrl-C during start-up: the hook pulled the cluster down under start(); that is no failure.
                tornDown.await();
                return ExitCodes.INTERRUPTED;
            }
            closeAfterFailedStart(cluster, hook);
            throw e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        printAccess(out, cluster, took);
        out.flush();

        // Nothing left to do but wait: the JVM exits with 130 once the hook has run after Ctrl-C.
        new CountDownLatch(1).await();
        return ExitCodes.OK;
    }

    private static void closeAfterFailedStart(Cluster cluster, Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return; // the hook is already closing the cluster
        }
        cluster.close();
    }

    private void printAccess(PrintWriter out, Cluster cluster, Duration took) {
        EtcdAccess etcd = cluster.etcd();
        out.printf("mutineer: %s cluster ready in %.1f s%n", cluster.backend(), took.toMillis() / 1000.0);
        out.println("  kubeconfig:    " + cluster.kubeconfig());
        out.println("  etcd endpoint: " + etcd.primaryEndpoint() + "  (key prefix " + cluster.etcdKeyPrefix() + ")");
        etcd.caCert().ifPresent(ca -> out.println("  etcd TLS:      ca " + ca + ", cert " + etcd.clientCert().map(Path::toString).orElse("-")
                + ", key " + etcd.clientKey().map(Path::toString).orElse("-")));
        out.println("  work dir:      " + cluster.workDir());
        out.println();
        out.println("Paste into another shell:");
        out.println("  export KUBECONFIG=" + cluster.kubeconfig());
        out.println("  kubectl get nodes,pods -A");
        out.println("  " + etcdctlLine(etcd, cluster.etcdKeyPrefix()));
        out.println();
        if (cluster instanceof LocalCluster local && local.networkNamespace().isPresent()) {
            printNamespace(out, local);
        }
        out.println("Press Ctrl-C to stop the cluster" + (keep ? " (its files are kept)." : " and remove its files."));
    }

    /** The cluster runs in a network namespace (real nodes): from the host through the relays, or inside it. */
    private static void printNamespace(PrintWriter out, LocalCluster cluster) {
        String ns = cluster.networkNamespace().orElseThrow().name();
        out.println("Real nodes: " + String.join(", ", cluster.realNodes().stream().map(RealNode::name).toList())
                + "; kwok nodes are tainted kwok.x-k8s.io/node=fake:NoSchedule, so pods run on real nodes.");
        out.println("Everything runs in network namespace " + ns + " (no route to the host). The kubeconfig above works from");
        out.println("the host (it names this process's relay); inside the namespace, as root:");
        out.println("  nsenter --net=/var/run/netns/" + ns + " env KUBECONFIG=" + cluster.componentKubeconfig()
                + " kubectl get nodes,pods -A -o wide");
        out.println("  (the kubeconfig for use inside the namespace: " + cluster.componentKubeconfig() + ")");
        out.println("Images on the real nodes (imagePullPolicy: Never): " + NodeImages.HTTP_ECHO + "; nothing is ever pulled.");
        out.println();
    }

    /** An etcdctl command that lists the stored keys, with the TLS flags the endpoint needs. */
    static String etcdctlLine(EtcdAccess etcd, String prefix) {
        StringBuilder sb = new StringBuilder("etcdctl --endpoints=").append(etcd.primaryEndpoint());
        etcd.caCert().ifPresent(p -> sb.append(" --cacert=").append(p));
        etcd.clientCert().ifPresent(p -> sb.append(" --cert=").append(p));
        etcd.clientKey().ifPresent(p -> sb.append(" --key=").append(p));
        return sb.append(" get ").append(prefix).append(" --prefix --keys-only").toString();
    }

    private static String workDirOf(Cluster cluster) {
        try {
            return String.valueOf(cluster.workDir());
        } catch (RuntimeException e) {
            return "(unknown)";
        }
    }
}
