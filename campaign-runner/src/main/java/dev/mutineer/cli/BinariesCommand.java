package dev.mutineer.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mutineer binaries}: provisions the local backend's binaries via scripts/install-binaries.sh. */
@Command(name = "binaries",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Provision the local backend's cluster binaries and print their directory.",
        description = {
                "Put etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok and kwokctl (versions "
                        + "pinned in versions.properties) into a cache directory outside the repository, and print "
                        + "that directory. Idempotent: a second run returns at once.",
                "",
                "Order: MUTINEER_BIN_DIR (your own binaries, used as they are); official release downloads "
                        + "checked against their sha256; a build from Go modules with the local Go toolchain "
                        + "(takes minutes on a cold machine; progress is printed). "
                        + "MUTINEER_BINARIES_SOURCE=download|build forces one way; MUTINEER_CACHE moves the cache.",
                ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the binaries are in place; the directory is printed",
                "1:the provisioning script could not be run",
                "3:no way to get the binaries (no download, no Go toolchain); the message says what to install",
        })
final class BinariesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path script = RepoHome.find().resolve("scripts/install-binaries.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("cannot find " + script + "; run mutineer from its repository (launcher script)");
        }
        // Progress goes to our stderr as it happens; stdout's last line is the directory.
        Process p = new ProcessBuilder(List.of("bash", script.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int rc = p.waitFor();
        if (rc != 0) {
            throw new Mutineer.PrerequisiteMissing("cluster binaries could not be provisioned (" + script.getFileName()
                    + " exited with " + rc + "; its message is above)", null);
        }
        String dir = stdout.lines().reduce((a, b) -> b).orElse("");
        PrintWriter out = spec.commandLine().getOut();
        out.println(dir);
        out.flush();
        return ExitCodes.OK;
    }
}
