package dev.mutineer.cluster.bench;

import dev.mutineer.cluster.local.Binaries;
import dev.mutineer.cluster.local.LocalCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Prints cold-start, restore and memory figures for the local backend, and the same cold start
 * by kwokctl (--runtime binary) on the same binaries as the reference. Run it through
 * scripts/bench.sh cluster, which puts the JVM in a network namespace of its own so that
 * kwokctl's components (which bind 0.0.0.0) are reachable on loopback only.
 *
 * <p>Ready means the same for both: every node Ready and a probe pod Running with a pod IP.
 */
public final class ClusterBenchmark {

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(System.getProperty("runs", "5"));
        List<Integer> sizes = List.of(3, 100);
        Binaries bin = Binaries.resolve();
        System.out.printf("binaries: %s (kubernetes %s, etcd %s, kwok %s)%n", bin.dir(), bin.kubernetesVersion(),
                bin.etcdVersion(), bin.kwokVersion());
        System.out.printf("machine: %d cores, runs per figure: %d%n%n", Runtime.getRuntime().availableProcessors(), runs);

        List<String> rows = new ArrayList<>();
        for (int nodes : sizes) {
            List<Double> mutineer = new ArrayList<>();
            long peakKib = 0;
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                try (LocalCluster c = new LocalCluster().withNodes(nodes)) {
                    c.start();
                    mutineer.add(seconds(t0));
                    peakKib = Math.max(peakKib, peakRssKib(c.pids().values()));
                }
            }
            List<Double> kwokctl = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                kwokctl.add(kwokctlColdStart(bin, nodes, i));
            }
            rows.add(String.format("cold start to Ready, %3d nodes | mutineer median %6.2f s (min %.2f, max %.2f) | kwokctl median %6.2f s (min %.2f, max %.2f) | mutineer peak RSS %d MiB",
                    nodes, median(mutineer), min(mutineer), max(mutineer), median(kwokctl), min(kwokctl), max(kwokctl), peakKib / 1024));
            System.out.println(rows.get(rows.size() - 1));
        }

        List<Double> restore = new ArrayList<>();
        List<Double> workloadBack = new ArrayList<>();
        long peakKib;
        try (LocalCluster c = new LocalCluster().withNodes(3)) {
            c.start();
            KubernetesClient k8s = c.client();
            k8s.apps().deployments().inNamespace("default").resource(new DeploymentBuilder()
                    .withNewMetadata().withName("bench").endMetadata()
                    .withNewSpec().withReplicas(10).withNewSelector().addToMatchLabels("app", "bench").endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", "bench").endMetadata()
                    .withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer().endSpec()
                    .endTemplate().endSpec().build()).create();
            await(() -> running(k8s, "bench") == 10);
            c.saveSteadyState();
            for (int i = 0; i < runs; i++) {
                k8s.apps().deployments().inNamespace("default").withName("bench").delete();
                await(() -> running(k8s, "bench") == 0);
                long t0 = System.nanoTime();
                c.restoreSteadyState();
                restore.add(seconds(t0));
                await(() -> running(k8s, "bench") == 10);
                workloadBack.add(seconds(t0));
            }
            peakKib = peakRssKib(c.pids().values());
        }
        System.out.printf("restore of saved steady state (3 nodes, 10-pod Deployment deleted) | restoreSteadyState() median %.2f s (max %.2f) | all 10 pods Running again median %.2f s (max %.2f)%n",
                median(restore), max(restore), median(workloadBack), max(workloadBack));
        System.out.printf("peak memory of the whole 3-node cluster after %d restores (sum of VmHWM of its processes): %d MiB%n",
                runs, peakKib / 1024);
    }

    /** kwokctl create cluster + scale node, until every node is Ready and a probe pod Running. */
    private static double kwokctlColdStart(Binaries bin, int nodes, int run) throws Exception {
        Path home = Files.createTempDirectory("mutineer-bench-kwokctl-");
        String name = "bench" + run;
        try {
            long t0 = System.nanoTime();
            exec(home, bin.kwokctl().toString(), "create", "cluster", "--name", name, "--runtime", "binary",
                    "--etcd-binary", bin.dir().resolve("etcd").toString(),
                    "--kube-apiserver-binary", bin.dir().resolve("kube-apiserver").toString(),
                    "--kube-controller-manager-binary", bin.dir().resolve("kube-controller-manager").toString(),
                    "--kube-scheduler-binary", bin.dir().resolve("kube-scheduler").toString(),
                    "--kwok-controller-binary", bin.dir().resolve("kwok").toString(),
                    "--wait", "2m");
            exec(home, bin.kwokctl().toString(), "scale", "node", "--name", name, "--replicas", Integer.toString(nodes));
            Path kubeconfig = home.resolve(".kwok/clusters/" + name + "/kubeconfig.yaml");
            try (KubernetesClient k8s = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
                await(() -> k8s.nodes().list().getItems().stream().filter(n -> n.getStatus().getConditions().stream()
                        .anyMatch(cd -> "Ready".equals(cd.getType()) && "True".equals(cd.getStatus()))).count() >= nodes);
                Pod probe = new PodBuilder().withNewMetadata().withName("probe").withNamespace("default").endMetadata()
                        .withNewSpec().addNewContainer().withName("p").withImage("pause").endContainer().endSpec().build();
                await(() -> {
                    try {
                        k8s.pods().resource(probe).create();
                        return true;
                    } catch (RuntimeException e) {
                        return e.getMessage() != null && e.getMessage().contains("AlreadyExists");
                    }
                });
                await(() -> {
                    Pod p = k8s.pods().inNamespace("default").withName("probe").get();
                    return p != null && "Running".equals(p.getStatus().getPhase()) && p.getStatus().getPodIP() != null;
                });
            }
            return seconds(t0);
        } finally {
            exec(home, bin.kwokctl().toString(), "delete", "cluster", "--name", name);
            deleteTree(home);
        }
    }

    private static void exec(Path home, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(home.resolve("kwokctl.log").toFile());
        pb.environment().put("HOME", home.toString());
        pb.environment().put("KWOK_WORKDIR", home.resolve(".kwok").toString());
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + Files.readString(home.resolve("kwokctl.log")));
        }
    }

    private static long running(KubernetesClient k8s, String app) {
        return k8s.pods().inNamespace("default").withLabel("app", app).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null && "Running".equals(p.getStatus().getPhase()))
                .count();
    }

    static long peakRssKib(Collection<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmHWM:")) {
                        sum += Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException ignored) {
                // process gone
            }
        }
        return sum;
    }

    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("benchmark condition not reached within 3 minutes");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static double min(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
