package dev.mutineer.campaign.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Fetches a distributed campaign's shard results through the API: for each completion index, the log of its
 * succeeded pod holds the results block ({@link ShardLog}), which is unpacked into {@code OUT/shard-K} with the
 * host's {@code tar}. Works after the Job completed for as long as its pods exist (no TTL, not deleted).
 */
public final class ShardCollector {

    private static final String INDEX = "batch.kubernetes.io/job-completion-index";

    /** What collect found: the directories written, and per missing shard why. */
    public record Collected(int shards, List<Path> dirs, Map<Integer, String> missing) {
    }

    private ShardCollector() {
    }

    public static Collected collect(KubernetesClient client, String namespace, String jobName, Path out) {
        Job job = client.batch().v1().jobs().inNamespace(namespace).withName(jobName).get();
        if (job == null) {
            throw new IllegalArgumentException("no Job " + jobName + " in namespace " + namespace);
        }
        Integer completions = job.getSpec().getCompletions();
        if (!"Indexed".equals(job.getSpec().getCompletionMode()) || completions == null) {
            throw new IllegalArgumentException("Job " + jobName + " is no Indexed Job of mutineer distribute");
        }
        List<Pod> pods = client.pods().inNamespace(namespace).withLabel("job-name", jobName).list().getItems();
        Map<Integer, String> missing = new TreeMap<>();
        List<Path> dirs = new ArrayList<>();
        for (int index = 0; index < completions; index++) {
            int shard = index + 1;
            Optional<Pod> done = succeeded(pods, index);
            if (done.isEmpty()) {
                missing.put(shard, "no succeeded pod for completion index " + index + " (yet)");
                continue;
            }
            String podName = done.get().getMetadata().getName();
            String log = client.pods().inNamespace(namespace).withName(podName).getLog();
            Optional<ShardLog> results = ShardLog.parse(log == null ? "" : log);
            if (results.isEmpty() || results.get().shard() != shard || results.get().shards() != completions) {
                missing.put(shard, "pod " + podName + " printed no results block for shard " + shard + "/" + completions
                        + " (its log may have been rotated: use --results-volume for large campaigns)");
                continue;
            }
            dirs.add(unpack(results.get(), out));
        }
        return new Collected(completions, dirs, missing);
    }

    /** The newest succeeded pod of one completion index. */
    static Optional<Pod> succeeded(List<Pod> pods, int index) {
        return pods.stream()
                .filter(p -> Integer.toString(index).equals(p.getMetadata().getAnnotations() == null ? null
                        : p.getMetadata().getAnnotations().get(INDEX)))
                .filter(p -> p.getStatus() != null && "Succeeded".equals(p.getStatus().getPhase()))
                .max(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp()));
    }

    /** Unpacks into OUT/shard-K, which must not exist yet: collecting twice never mixes two runs' files. */
    static Path unpack(ShardLog results, Path out) {
        Path dir = out.resolve("shard-" + results.shard());
        if (Files.exists(dir)) {
            throw new IllegalArgumentException(dir + " exists already; remove it or collect into another --out");
        }
        try {
            Files.createDirectories(out);
            Process tar = new ProcessBuilder("tar", "-xzf", "-", "-C", out.toString())
                    .redirectErrorStream(true).start();
            try (OutputStream in = tar.getOutputStream()) {
                in.write(results.tarGz());
            }
            String said = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!tar.waitFor(60, TimeUnit.SECONDS) || tar.exitValue() != 0 || !Files.isDirectory(dir)) {
                throw new IllegalStateException("cannot unpack shard " + results.shard() + " into " + out + ": " + said);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack shard " + results.shard() + " into " + out, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while unpacking shard " + results.shard(), e);
        }
    }
}
