package dev.mutineer.cluster.traffic;

import dev.mutineer.cluster.local.LocalCluster;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Java side's pure parts: the generator's command line, the lines it writes, who may start it. */
class TrafficGeneratorTest {

    private static final TrafficTarget FRONTEND = new TrafficTarget("shop", "frontend", 80, "/", 20,
            Duration.ofMillis(1500), List.of("frontend", "backend"));

    @Test
    void aLineOfTheGeneratorIsOneClientSecond() {
        ClientSecond s = TrafficGenerator.parse("{\"epochSecond\":1764590000,\"sent\":20,\"succeeded\":17,"
                + "\"errors\":{\"TIMEOUT\":1,\"WRONG_WORKLOAD\":2,\"REFUSED\":0},\"p50Micros\":2100,\"p99Micros\":5400}").orElseThrow();
        assertThat(s).isEqualTo(new ClientSecond(1764590000, 20, 17,
                Map.of(ClientError.TIMEOUT, 1, ClientError.WRONG_WORKLOAD, 2), 2100, 5400));
        assertThat(s.failed()).isEqualTo(3);
        assertThat(s.errors()).doesNotContainKey(ClientError.REFUSED);
    }

    @Test
    void aSecondWithoutSuccessesHasNoLatency() {
        ClientSecond s = TrafficGenerator.parse("{\"epochSecond\":5,\"sent\":20,\"succeeded\":0,\"errors\":{\"HTTP_5XX\":20},"
                + "\"p50Micros\":-1,\"p99Micros\":-1}").orElseThrow();
        assertThat(s.availability()).isZero();
        assertThat(s.p99Micros()).isEqualTo(-1);
    }

    @Test
    void aLineThatDoesNotParseIsSkipped() {
        assertThat(TrafficGenerator.parse("{\"epochSecond\":5,\"sent\":")).isEmpty();
        assertThat(TrafficGenerator.parse("{\"epochSecond\":5,\"sent\":1,\"succeeded\":0,\"errors\":{\"GREMLINS\":1},"
                + "\"p50Micros\":-1,\"p99Micros\":-1}")).as("a cause the contract does not know").isEmpty();
        assertThat(TrafficGenerator.parse("")).isEmpty();
    }

    @Test
    void aClusterWithoutRealNodesRefusesTrafficSayingWhy() {
        assertThatThrownBy(() -> new LocalCluster().withNodes(1).startTraffic(FRONTEND))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("needs real nodes")
                .hasMessageContaining("cluster.realNodes");
    }

    @Test
    void theCommandLineNamesTheClusterIpTheRateTheTimeoutAndTheHops() {
        assertThat(TrafficGenerator.argv(Path.of("/cache/traffic-generator"), FRONTEND, "10.96.0.12",
                Path.of("/work/c1/traffic/shop-frontend-1.jsonl"))).containsExactly("/cache/traffic-generator",
                "-url", "http://10.96.0.12:80/", "-rate", "20", "-timeout", "1500ms", "-expect", "frontend,backend",
                "-out", "/work/c1/traffic/shop-frontend-1.jsonl");
    }
}
