package dev.mutineer.campaign.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Campaign files for tests: written into a temporary directory beside a copy of the default workload. */
public final class TestCampaigns {

    private TestCampaigns() {
    }

    /**
     * A tiny kwok-only campaign named {@code name}: 4 injections (2 value, 2 delete) on the shop's Deployments and
     * Services, a 3 s window, 1 golden run; for tests of how campaigns are run, split and shipped, not of verdicts.
     */
    public static String tiny(String name) {
        return """
                name: %s
                seed: 11
                workload: [workloads/]
                targets:
                  kinds: [Deployment, Service]
                  namespaces: [shop]
                faults:
                  - operator: value
                    sample: 2
                  - operator: delete
                    sample: 2
                observationWindow: 3s
                settleTime: 1s
                goldenRuns: 1
                """.formatted(name);
    }

    /** Writes {@code yaml} as dir/campaign.yaml and copies examples/workloads to dir/workloads. */
    public static Path write(Path dir, String yaml) throws IOException {
        copyWorkloads(dir.resolve("workloads"));
        Path file = dir.resolve("campaign.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** Copies the manifests of examples/workloads into dir (created); returns dir. */
    public static Path copyWorkloads(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(repo().resolve("examples/workloads"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    /** Deletes dir and everything under it (symbolic links themselves, not what they point to). */
    public static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The repository root: the first directory above the working directory that has examples/. */
    public static Path repo() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples/workloads"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no examples/workloads above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** A JSON-stored object (as custom resources are stored): enough for the planner and the field catalog. */
    public static StoredObjects.Selected storedObject(String kind, String name) {
        try {
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"apiVersion\":\"apps/v1\",\"kind\":\"" + kind + "\",\"metadata\":{\"name\":\""
                    + name + "\",\"namespace\":\"shop\",\"labels\":{\"app\":\"" + name + "\"}},\"spec\":"
                    + (kind.equals("Deployment") ? "{\"replicas\":3}" : "{\"selector\":{\"app\":\"" + name + "\"}}") + "}");
            return new StoredObjects.Selected(dev.mutineer.injector.spec.Target.named(kind, "shop", name), dev.mutineer.injector.codec.StoredObject.json(json, ""));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
