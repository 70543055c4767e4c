package dev.mutineer.campaign.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Campaign files for tests: written into a temporary directory beside a copy of the default workload. */
public final class TestCampaigns {

    private TestCampaigns() {
    }

    /** Writes {@code yaml} as dir/campaign.yaml and copies examples/workloads to dir/workloads. */
    public static Path write(Path dir, String yaml) throws IOException {
        Path workloads = repo().resolve("examples/workloads");
        Files.createDirectories(dir.resolve("workloads"));
        try (Stream<Path> files = Files.list(workloads)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(f, dir.resolve("workloads").resolve(f.getFileName()));
            }
        }
        Path file = dir.resolve("campaign.yaml");
        Files.writeString(file, yaml);
        return file;
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
}
