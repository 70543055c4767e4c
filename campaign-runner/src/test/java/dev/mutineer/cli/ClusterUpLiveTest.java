package dev.mutineer.cli;

import dev.mutineer.cluster.EtcdAccess;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mutineer cluster up} as a user runs it: a separate JVM, a real local cluster, then
 * Ctrl-C (SIGINT). Everything it started must be gone afterwards.
 */
class ClusterUpLiveTest {

    @TempDir
    Path tmp;

    @Test
    void clusterUpPrintsWorkingAccessAndCtrlCTearsEverythingDown() throws Exception {
        Path out = tmp.resolve("stdout");
        Path err = tmp.resolve("stderr");
        Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcom.google.protobuf.use_unsafe_pre22_gencode",
                "-cp", System.getProperty("java.class.path"),
                Mutineer.class.getName(), "cluster", "up", "--nodes", "2", "--work-dir", tmp.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            String printed = awaitOutput(cli, out, err, "Press Ctrl-C");
            Path kubeconfig = Path.of(group(printed, "export KUBECONFIG=(\\S+)"));
            URI etcd = URI.create(group(printed, "etcd endpoint: (\\S+)"));
            Path workDir = Path.of(group(printed, "work dir:\\s+(\\S+)"));
            assertThat(printed).contains("kubectl get nodes", "etcdctl --endpoints=" + etcd);

            try (KubernetesClient k8s = new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
                assertThat(k8s.nodes().list().getItems()).hasSize(2);
            }
            try (Client client = EtcdAccess.plain(etcd).connect()) {
                assertThat(client.getKVClient().get(ByteSequence.from("/registry/namespaces/default", StandardCharsets.UTF_8))
                        .get(10, TimeUnit.SECONDS).getKvs()).hasSize(1);
            }
            // The printed endpoint is what 'mutineer fields' takes to read one stored object.
            java.io.StringWriter fields = new java.io.StringWriter();
            picocli.CommandLine fieldsCli = Mutineer.commandLine();
            fieldsCli.setOut(new java.io.PrintWriter(fields, true));
            assertThat(fieldsCli.execute("fields", "Namespace", "default", "--etcd", etcd.toString())).isEqualTo(ExitCodes.OK);
            assertThat(fields.toString()).contains("/registry/namespaces/default", "metadata.name");

            List<ProcessHandle> children = cli.descendants().toList();
            assertThat(children).as("cluster processes").isNotEmpty();

            // SIGINT is what Ctrl-C sends. A JVM started with SIGINT ignored (a background job of a
            // non-interactive shell, as CI may be) keeps it ignored; then SIGTERM tests the same teardown.
            boolean sigintWorks = !sigintIgnoredHere();
            new ProcessBuilder("sh", "-c", "kill -" + (sigintWorks ? "INT " : "TERM ") + cli.pid()).start().waitFor();

            assertThat(cli.waitFor(90, TimeUnit.SECONDS)).as("exited after the signal").isTrue();
            assertThat(cli.exitValue()).isEqualTo(sigintWorks ? ExitCodes.INTERRUPTED : 128 + 15);
            assertThat(Files.readString(err)).contains("cluster stopped");
            for (ProcessHandle child : children) {
                awaitGone(child);
            }
            assertThat(workDir).doesNotExist();
        } finally {
            cli.descendants().forEach(ProcessHandle::destroyForcibly);
            cli.destroyForcibly();
        }
    }

    /** Bit 2 (SIGINT) of this process's ignored-signal mask; children inherit it. */
    private static boolean sigintIgnoredHere() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0b10) != 0;
            }
        }
        return false;
    }

    private static String awaitOutput(Process cli, Path out, Path err, String marker) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            String printed = Files.readString(out);
            if (printed.contains(marker)) {
                return printed;
            }
            assertThat(cli.isAlive()).as("cluster up exited early:\n" + printed + Files.readString(err)).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("no '" + marker + "' within 4 minutes:\n" + Files.readString(out) + Files.readString(err));
    }

    private static void awaitGone(ProcessHandle p) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (p.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(p.isAlive()).as("process " + p.pid() + " " + p.info().command().orElse("") + " still alive").isFalse();
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'" + regex + "' in:\n" + text).isTrue();
        return m.group(1);
    }
}
