package dev.mutineer.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workload paths stay inside the campaign's directory tree unless --allow-outside is given: an absolute path, a '..'
 * escape and a symbolic link pointing out are refused, naming the entry and its line, and nothing of the file outside
 * reaches the output.
 */
class WorkloadConfinementTest {

    /** In the file outside: were it read and parsed, a YAML error would quote it. */
    private static final String OUTSIDE_TEXT = "root:x:0:0:OUTSIDE-MARKER:/root:/bin/bash\n";
    private static final String MANIFEST = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shop}\n";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path campaignDir;
    private Path outside;

    @BeforeEach
    void files(@TempDir Path tmp) throws IOException {
        campaignDir = Files.createDirectories(tmp.resolve("campaigns/c"));
        Files.createDirectories(campaignDir.resolve("workloads"));
        Files.writeString(campaignDir.resolve("workloads/cm.yaml"), MANIFEST);
        outside = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(outside.resolve("passwd.yaml"), OUTSIDE_TEXT);
    }

    private int validate(String workloadEntry, String... flags) throws IOException {
        Path campaign = campaignDir.resolve("campaign.yaml");
        Files.writeString(campaign, "name: c\n# the workload:\nworkload:\n  - " + workloadEntry + "\nfaults: [{operator: value, sample: 1}]\n");
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = Mutineer.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] args = new String[flags.length + 2];
        args[0] = "validate";
        System.arraycopy(flags, 0, args, 1, flags.length);
        args[flags.length + 1] = campaign.toString();
        return cl.execute(args);
    }

    @Test
    void aWorkloadInsideTheTreeIsRead() throws IOException {
        assertThat(validate("workloads/")).as(err.toString()).isZero();
        assertThat(validate("workloads/../workloads/cm.yaml")).as(err.toString()).isZero();
        Files.createSymbolicLink(campaignDir.resolve("linked.yaml"), campaignDir.resolve("workloads/cm.yaml"));
        assertThat(validate("linked.yaml")).as("a link that stays inside").isZero();
    }

    @Test
    void anAbsolutePathIsRefusedAtItsLine() throws IOException {
        assertThat(validate(outside.resolve("passwd.yaml").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("campaign.yaml:4:5: workload[0]: '" + outside.resolve("passwd.yaml")
                + "' is an absolute path", "--allow-outside");
        assertThat(out + "" + err).doesNotContain("OUTSIDE-MARKER");
    }

    @Test
    void aDotDotEscapeIsRefusedAtItsLine() throws IOException {
        assertThat(validate("../../elsewhere/passwd.yaml")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("campaign.yaml:4:5: workload[0]: '../../elsewhere/passwd.yaml' leaves the campaign's directory");
        assertThat(validate("workloads/../../../elsewhere/")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("leaves the campaign's directory");
        assertThat(out + "" + err).doesNotContain("OUTSIDE-MARKER");
    }

    @Test
    void aSymbolicLinkOutIsRefusedWhetherTheEntryOrAFileOfItsDirectory() throws IOException {
        Files.createSymbolicLink(campaignDir.resolve("innocent.yaml"), outside.resolve("passwd.yaml"));
        assertThat(validate("innocent.yaml")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("campaign.yaml:4:5: workload[0]: 'innocent.yaml' is reached through a symbolic link "
                + "that resolves outside the campaign's directory");
        Files.createSymbolicLink(campaignDir.resolve("workloads/zz.yaml"), outside.resolve("passwd.yaml"));
        assertThat(validate("workloads/")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("'workloads/' (its zz.yaml) is reached through a symbolic link");
        Files.createSymbolicLink(campaignDir.resolve("linked-dir"), outside);
        assertThat(validate("linked-dir/passwd.yaml")).isEqualTo(ExitCodes.USAGE);
        assertThat(out + "" + err).doesNotContain("OUTSIDE-MARKER");
    }

    @Test
    void allowOutsideReadsItAsAManifest() throws IOException {
        Files.writeString(outside.resolve("cm.yaml"), MANIFEST);
        assertThat(validate(outside.resolve("cm.yaml").toString(), "--allow-outside")).as(err.toString()).isZero();
        assertThat(validate("../../elsewhere/cm.yaml", "--allow-outside")).as(err.toString()).isZero();
        assertThat(validate("../../elsewhere/cm.yaml")).isEqualTo(ExitCodes.USAGE);
    }
}
