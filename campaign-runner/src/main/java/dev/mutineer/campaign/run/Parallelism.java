package dev.mutineer.campaign.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * How many clusters of one variant run injections side by side: a number from 1 to {@link #MAX}, or {@code auto}.
 *
 * <p>{@code auto} = min(2 x cores, available memory / 600 MiB), within 1..{@link #MAX}: a kwok-only local cluster
 * (etcd, API server, controller-manager, scheduler, kwok) sits mostly idle between injections' observations, so two
 * per core keep the cores busy, and it holds about 600 MiB resident when its workload is applied.
 */
public final class Parallelism {

    public static final int MAX = 16;
    static final long CLUSTER_BYTES = 600L * 1024 * 1024;

    private Parallelism() {
    }

    /** {@code spelling} as given to --parallel: a whole number 1..MAX or "auto"; IllegalArgumentException otherwise. */
    public static int parse(String spelling) {
        String s = spelling.strip();
        if (s.equalsIgnoreCase("auto")) {
            return auto(Runtime.getRuntime().availableProcessors(), availableMemory().orElse(CLUSTER_BYTES));
        }
        int n;
        try {
            n = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--parallel takes a whole number from 1 to " + MAX + " or 'auto', got '" + spelling + "'");
        }
        if (n < 1 || n > MAX) {
            throw new IllegalArgumentException("--parallel must be from 1 to " + MAX + ", got " + n);
        }
        return n;
    }

    /** The clusters {@code auto} starts on a machine with {@code cores} and {@code availableBytes} of memory. */
    static int auto(int cores, long availableBytes) {
        long byMemory = availableBytes / CLUSTER_BYTES;
        long n = Math.min(2L * cores, byMemory);
        return (int) Math.max(1, Math.min(MAX, n));
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
