package dev.mutineer.classifier.observe;

import dev.mutineer.cluster.traffic.ClientSecond;
import dev.mutineer.cluster.traffic.Traffic;
import dev.mutineer.cluster.traffic.TrafficTarget;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which client seconds an observation window gets, and how long it waits for the last one. */
class ClientWindowTest {

    /** Traffic whose seconds become complete at set instants, as a generator folds each second after its timeouts. */
    private static class FoldingTraffic implements Traffic {
        private final List<ClientSecond> seconds = new ArrayList<>();
        private final List<Instant> completeAt = new ArrayList<>();
        private final List<Instant[]> asked = new ArrayList<>();
        private final Duration timeout;

        FoldingTraffic(Duration timeout) {
            this.timeout = timeout;
        }

        void add(long epochSecond, Instant complete) {
            seconds.add(new ClientSecond(epochSecond, 20, 20, Map.of(), 1_000, 2_000));
            completeAt.add(complete);
        }

        @Override
        public TrafficTarget target() {
            return new TrafficTarget("shop", "frontend", 80, "/", 20, timeout, List.of("frontend"));
        }

        @Override
        public synchronized List<ClientSecond> seconds(Instant from, Instant to) {
            asked.add(new Instant[] {from, to});
            List<ClientSecond> out = new ArrayList<>();
            for (int i = 0; i < seconds.size(); i++) {
                Instant start = Instant.ofEpochSecond(seconds.get(i).epochSecond());
                if (!start.isBefore(from) && start.isBefore(to) && !Instant.now().isBefore(completeAt.get(i))) {
                    out.add(seconds.get(i));
                }
            }
            return out;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theWindowHoldsItsWholeSecondsAndWaitsForTheLastToComplete() {
        Instant to = Instant.now();
        long now = to.getEpochSecond();
        Instant from = Instant.ofEpochSecond(now - 5, 300_000_000);
        // A timeout long enough that the wait's deadline (the window's last whole second + timeout) is ahead.
        FoldingTraffic traffic = new FoldingTraffic(Duration.ofSeconds(2));
        for (long s = now - 6; s <= now; s++) {
            traffic.add(s, s == now - 1 ? Instant.now().plusMillis(250) : Instant.EPOCH);
        }
        List<ClientSecond> got = ClientWindow.collect(traffic, from, to);
        // now-6 starts before the window, now-5 before its first sample; now is cut by its end.
        assertThat(got).extracting(ClientSecond::epochSecond).containsExactly(now - 4, now - 3, now - 2, now - 1);
        assertThat(traffic.asked.get(0)[1]).isEqualTo(Instant.ofEpochSecond(now));
        assertThat(traffic.asked).hasSizeGreaterThan(1);
    }

    @Test
    void aLastSecondThatNeverCompletesCostsAtMostTheRequestTimeoutAndTheGrace() {
        long now = Instant.now().getEpochSecond();
        FoldingTraffic traffic = new FoldingTraffic(Duration.ofMillis(300));
        traffic.add(now - 2, Instant.EPOCH);
        long started = System.nanoTime();
        List<ClientSecond> got = ClientWindow.collect(traffic, Instant.ofEpochSecond(now - 3), Instant.ofEpochSecond(now, 1));
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(got).extracting(ClientSecond::epochSecond).containsExactly(now - 2);
        assertThat(waitedMillis).isLessThan(300 + ClientWindow.GRACE.toMillis() + 1_000);
    }

    @Test
    void aFailingGeneratorGivesNoSeconds() {
        Traffic broken = new FoldingTraffic(Duration.ofMillis(300)) {
            @Override
            public synchronized List<ClientSecond> seconds(Instant from, Instant to) {
                throw new IllegalStateException("generator exited");
            }
        };
        assertThat(ClientWindow.collect(broken, Instant.now().minusSeconds(3), Instant.now())).isEmpty();
    }
}
