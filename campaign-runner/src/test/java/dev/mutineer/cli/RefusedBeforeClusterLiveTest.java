package dev.mutineer.cli;

import dev.mutineer.campaign.run.TestCampaigns;
import dev.mutineer.cluster.local.Binaries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `mutineer run` on a machine where it could start a cluster (the binaries are there) refuses a campaign with a
 * parameter value error, and one with an invalid manifest, with exit 2 and the problem's place, before any cluster
 * process starts: no child process of this JVM, no cluster registered as this JVM's in the run registry, no results
 * directory. Other sessions' clusters on the machine are not looked at: only what names this JVM or its run.
 */
class RefusedBeforeClusterLiveTest {

    private static final String CAMPAIGN = """
            name: refused
            workload: [workloads/]
            faults:
              - operator: %s
                sample: 1
            observationWindow: 3s
            """;

    @TempDir
    Path tmp;

    @Test
    void aParameterValueErrorIsRefusedBeforeAnyClusterProcess() throws Exception {
        Path file = TestCampaigns.write(tmp.resolve("c"), CAMPAIGN.formatted("latency\n    parameters: {delay: -5s, probability: 1.5}"));
        assertRefusedBeforeAnything(file, "campaign.yaml:5:25: faults[0].parameters.delay", "faults[0].parameters.probability");
    }

    @Test
    void anInvalidManifestIsRefusedBeforeAnyClusterProcess() throws Exception {
        Path file = TestCampaigns.write(tmp.resolve("c"), CAMPAIGN.formatted("value"));
        Files.writeString(file.resolveSibling("workloads/99-broken.yaml"), "apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: x}\n");
        assertRefusedBeforeAnything(file, "99-broken.yaml:1:", "unknown kind 'Deploymnet'", "did you mean 'Deployment'");
    }

    private void assertRefusedBeforeAnything(Path file, String... said) throws IOException {
        assertThat(Binaries.cacheRoot().resolve("bin")).as("the binaries a run would start are there").isDirectory();
        Path results = tmp.resolve("results");
        List<ProcessHandle> before = ProcessHandle.current().descendants().toList();

        CliRun run = CliRun.of("run", file.toString(), "--out", results.toString());

        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains(said).contains("nothing was run");
        assertThat(ProcessHandle.current().descendants().filter(p -> !before.contains(p)).toList()).as("child processes").isEmpty();
        assertThat(registeredByThisJvm()).as("clusters registered by this JVM").isEmpty();
        assertThat(results).doesNotExist();
    }

    /** Entries of the cluster registry (~/.cache/mutineer/run) whose owner is this JVM. */
    private static List<Path> registeredByThisJvm() throws IOException {
        Path registry = Binaries.cacheRoot().resolve("run");
        if (!Files.isDirectory(registry)) {
            return List.of();
        }
        String owner = "owner=" + ProcessHandle.current().pid() + "\n";
        try (Stream<Path> entries = Files.list(registry)) {
            return entries.filter(Files::isRegularFile).filter(p -> {
                try {
                    return Files.readString(p).contains(owner);
                } catch (IOException e) {
                    return false; // removed meanwhile by its owner
                }
            }).toList();
        }
    }
}
