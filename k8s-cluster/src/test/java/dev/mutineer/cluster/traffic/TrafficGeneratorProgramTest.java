package dev.mutineer.cluster.traffic;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The traffic-generator program itself (built with the local Go toolchain, run on this host) against a server on
 * 127.0.0.1 that answers as the shop's pods do, and as broken ones: each way an answer can go wrong gives its cause.
 */
class TrafficGeneratorProgramTest {

    @TempDir
    Path tmp;

    private static final String GOOD = "pod=frontend-1 namespace=shop workload=frontend version=1.4.2\n"
            + "pod=backend-1 namespace=shop workload=backend version=2.3.1\n";

    @Test
    void everyAnswerIsClassifiedAndEverySecondCountsItsRequests() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/ok", x -> answer(x, 200, GOOD));
        // a database pod relabelled into the backend's Service answers in the backend's place
        server.createContext("/wrong", x -> answer(x, 200, GOOD.replace("workload=backend", "workload=db")));
        server.createContext("/short", x -> answer(x, 200, "pod=backend-1 namespace=shop workload=backend version=2.3.1\n"));
        server.createContext("/bad-gateway", x -> answer(x, 502, "pod=frontend-1 namespace=shop workload=frontend version=1.4.2\n"));
        server.createContext("/teapot", x -> answer(x, 418, "no"));
        server.createContext("/slow", x -> {
            sleep(1500);
            answer(x, 200, GOOD);
        });
        server.start();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Map<String, ClientError> cases = new java.util.LinkedHashMap<>();
        cases.put("/ok", null);
        cases.put("/wrong", ClientError.WRONG_WORKLOAD);
        cases.put("/short", ClientError.WRONG_WORKLOAD);
        cases.put("/bad-gateway", ClientError.HTTP_5XX);
        cases.put("/teapot", ClientError.OTHER);
        cases.put("/slow", ClientError.TIMEOUT);
        cases.put("refused", ClientError.REFUSED);
        List<TrafficGenerator> generators = new ArrayList<>();
        Instant t0 = Instant.now();
        try {
            for (String path : cases.keySet()) {
                boolean refused = path.equals("refused");
                TrafficTarget target = new TrafficTarget("shop", "frontend", refused ? closedPort : server.getAddress().getPort(),
                        refused ? "/" : path, 10, Duration.ofMillis(600), List.of("frontend", "backend"));
                generators.add(TrafficGenerator.start(target, "127.0.0.1", UnaryOperator.identity(), tmp.resolve("logs"),
                        tmp.resolve("pids"), tmp.resolve("traffic/" + path.replace("/", "") + ".jsonl")));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && generators.stream().anyMatch(g -> g.seconds(t0, Instant.now()).size() < 2)) {
                Thread.sleep(200);
            }
            int i = 0;
            for (Map.Entry<String, ClientError> c : cases.entrySet()) {
                TrafficGenerator g = generators.get(i++);
                List<ClientSecond> seconds = g.seconds(t0, Instant.now());
                System.out.println(c.getKey() + ": " + seconds);
                assertThat(seconds).as(c.getKey() + " (log " + g.log() + ")").hasSizeGreaterThanOrEqualTo(2);
                assertThat(seconds).as(c.getKey()).allSatisfy(s -> {
                    assertThat(s.sent()).as("a steady 10/s, each second complete").isEqualTo(10);
                    if (c.getValue() == null) {
                        assertThat(s.succeeded()).isEqualTo(10);
                        assertThat(s.p50Micros()).isPositive().isLessThanOrEqualTo(s.p99Micros());
                    } else {
                        assertThat(s.errors()).isEqualTo(Map.of(c.getValue(), 10));
                        assertThat(s.p50Micros()).isEqualTo(-1);
                    }
                });
                assertThat(g.seconds(Instant.ofEpochSecond(seconds.get(0).epochSecond()), Instant.ofEpochSecond(seconds.get(0).epochSecond() + 1)))
                        .as("[from, to) of one second").containsExactly(seconds.get(0));
            }
        } finally {
            generators.forEach(TrafficGenerator::close);
            server.stop(0);
        }
        assertThat(generators).allSatisfy(g -> assertThat(g.alive()).isFalse());
    }

    private static void answer(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
