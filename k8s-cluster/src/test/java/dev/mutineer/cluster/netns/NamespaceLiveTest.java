package dev.mutineer.cluster.netns;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A real namespace (needs root, iproute2, socat): isolated, reachable only through a NamespacePort, gone after close. */
class NamespaceLiveTest {

    @BeforeAll
    static void realNodesCanRunHere() {
        dev.mutineer.cluster.node.RealNodeAssumptions.assumeRealNodesCanRun(); // root, ip, socat, nsenter
    }

    private static final int PORT = 18_080;

    @Test
    void aServerInsideIsReachableOnlyThroughTheRelayAndCloseLeavesNothing(@TempDir Path work) throws Exception {
        Files.writeString(work.resolve("hello.txt"), "hello from inside");
        ChildProcess server;
        NamespacePort port;
        long forwarder;
        String name;
        try (NetworkNamespace ns = NetworkNamespace.create("t" + ProcessHandle.current().pid(), List.of("10.200.0.1"), "10.96.0.0/16")) {
            name = ns.name();
            assertThat(Shell.check(List.of("ip", "netns", "list"))).contains(name);
            String inside = Shell.check(ns.command(List.of("sh", "-c", "ip -o addr; ip route; cat /proc/sys/net/ipv4/ip_forward")));
            assertThat(inside).contains("inet 10.200.0.1/32").contains("10.96.0.0/16 dev mutineer0").contains("lo").endsWith("1\n");
            assertThat(inside).doesNotContain("veth").doesNotContain("default");

            server = new ChildProcess("server", ns.command(List.of("python3", "-m", "http.server", "--bind", "127.0.0.1",
                    "--directory", work.toString(), Integer.toString(PORT))), work.resolve("logs"), work.resolve("pids")).start();
            port = NamespacePort.open(ns, "127.0.0.1", PORT, work.resolve("ports/server.sock"), work.resolve("logs"), work.resolve("pids"));
            forwarder = port.forwarderPid();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> r = null;
            for (int i = 0; i < 100 && r == null; i++) { // python needs a moment to bind
                try {
                    r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.localPort() + "/hello.txt")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        r = null;
                    }
                } catch (java.io.IOException e) {
                    Thread.sleep(100);
                }
            }
            assertThat(r).isNotNull();
            assertThat(r.body()).isEqualTo("hello from inside");
            // Many requests, several at a time, over the relay's connection handling.
            List<String> bodies = java.util.stream.IntStream.range(0, 20).parallel().mapToObj(i -> {
                try {
                    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.localPort()
                            + "/hello.txt")).build(), HttpResponse.BodyHandlers.ofString()).body();
                } catch (Exception e) {
                    return e.toString();
                }
            }).toList();
            assertThat(bodies).containsOnly("hello from inside");
            // The host's loopback is another one: nothing listens there.
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), PORT).close()).isInstanceOf(ConnectException.class);

            port.close();
            server.stop(2_000);
        }
        assertThat(Shell.check(List.of("ip", "netns", "list"))).doesNotContain(name);
        assertThat(ProcessHandle.of(forwarder).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(NamespaceRegistry.registryDir().resolve(name + ".netns")).doesNotExist();
    }

    @Test
    void theNamespaceOfADeadJvmIsDeletedWithWhatRunsInIt() throws Exception {
        String name = NetworkNamespace.name("orphan" + ProcessHandle.current().pid());
        Shell.check(List.of("ip", "netns", "add", name));
        Process sleeper = new ProcessBuilder(NetworkNamespace.enter(name, List.of("sleep", "600"))).start();
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.createDirectories(NamespaceRegistry.registryDir());
        Files.writeString(NamespaceRegistry.registryDir().resolve(name + ".netns"), "owner=" + dead.pid() + "\n");

        assertThat(NamespaceRegistry.reapOrphans()).contains(name);

        assertThat(Shell.check(List.of("ip", "netns", "list"))).doesNotContain(name);
        assertThat(sleeper.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }
}
