package dev.mutineer.campaign.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * How many clusters run injections side by side, in all: a number from 1 to {@link #MAX}, or {@code auto}. A
 * differential campaign shares them among its variants ({@link #rounds}).
 *
 * <p>{@code auto} = min(4 x cores, available memory / the memory of one cluster), within 1..{@link #MAX}: a kwok-only
 * local cluster (etcd, API server, controller-manager, scheduler, kwok) sits mostly idle during its observations.
 * Measured by {@code scripts/bench.sh parallel} on 2 cores at a 30 s window: 8 clusters kept 1.08 cores busy and ran
 * 7.12 times the serial rate (4: 0.62 cores, 3.95 times), the phases no slower but the restore (1.0 to 1.5 s); it holds
 * at most 600 MiB resident when its workload is applied (3.3 GiB for 8). A real node adds about {@link #REAL_NODE_BYTES} (containerd, kubelet, kube-proxy: 181 MiB measured idle by
 * {@code scripts/bench.sh realnodes}, plus the workload's containers and the traffic generator), and under client
 * traffic a cluster with real nodes keeps about half a core busy, so {@code auto} starts one per core there.
 */
public final class Parallelism {

    public static final int MAX = 16;
    static final long CLUSTER_BYTES = 600L * 1024 * 1024;
    static final long REAL_NODE_BYTES = 256L * 1024 * 1024;

    private Parallelism() {
    }

    /** What is wrong with {@code spelling} as a parallelism (--parallel, {@code parallelism:}); empty when nothing is. */
    public static java.util.Optional<String> problem(String spelling) {
        try {
            parse(spelling, 0);
            return java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
            return java.util.Optional.of(e.getMessage());
        }
    }

    /** {@code spelling} as given to --parallel: a whole number 1..MAX or "auto"; IllegalArgumentException otherwise. */
    public static int parse(String spelling) {
        return parse(spelling, 0);
    }

    /** As {@link #parse(String)}, {@code auto} sized for clusters of {@code realNodes} real nodes each. */
    public static int parse(String spelling, int realNodes) {
        String s = spelling.strip();
        if (s.equalsIgnoreCase("auto")) {
            return auto(Runtime.getRuntime().availableProcessors(), availableMemory().orElse(CLUSTER_BYTES), realNodes);
        }
        int n;
        try {
            n = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("takes a whole number from 1 to " + MAX + " or 'auto', got '" + spelling + "'");
        }
        if (n < 1 || n > MAX) {
            throw new IllegalArgumentException("must be from 1 to " + MAX + ", got " + n + " (the clusters that run injections side by side)");
        }
        return n;
    }

    /** The clusters {@code auto} starts on a machine with {@code cores} and {@code availableBytes} of memory. */
    static int auto(int cores, long availableBytes) {
        return auto(cores, availableBytes, 0);
    }

    /** As above, for clusters of {@code realNodes} real nodes each. */
    static int auto(int cores, long availableBytes, int realNodes) {
        long byMemory = availableBytes / (CLUSTER_BYTES + realNodes * REAL_NODE_BYTES);
        long byCpu = realNodes > 0 ? cores : 4L * cores;
        long n = Math.min(byCpu, byMemory);
        return (int) Math.max(1, Math.min(MAX, n));
    }

    /**
     * Which variants run at once, and on how many clusters each, when {@code clusters} clusters run {@code variants}
     * variants: rounds of up to {@code clusters} variants, in the campaign's order, each round sharing the clusters
     * among its variants as evenly as can be (the first ones get one more). With as many clusters as variants, every
     * variant runs at once on one cluster; with one cluster, the variants run one after another. Each inner list holds
     * the cluster counts of one round's variants; together the rounds name every variant once, in order.
     */
    static List<List<Integer>> rounds(int clusters, int variants) {
        if (clusters < 1 || variants < 1) {
            throw new IllegalArgumentException("clusters and variants must be at least 1, got " + clusters + " and " + variants);
        }
        List<List<Integer>> rounds = new ArrayList<>();
        for (int first = 0; first < variants; first += clusters) {
            int together = Math.min(clusters, variants - first);
            List<Integer> round = new ArrayList<>(together);
            for (int i = 0; i < together; i++) {
                round.add(clusters / together + (i < clusters % together ? 1 : 0));
            }
            rounds.add(List.copyOf(round));
        }
        return List.copyOf(rounds);
    }

    /** MemAvailable of /proc/meminfo (what can be used without swapping), empty where there is none. */
    static OptionalLong availableMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or a format we do not know: the caller assumes room for one cluster
        }
        return OptionalLong.empty();
    }
}
