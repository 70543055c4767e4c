package dev.mutineer.cli;

import dev.mutineer.campaign.job.image.MutineerImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code mutineer image build}: the container image 'distribute' runs, built here without Docker. */
@Command(name = "image",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Build the mutineer container image (for 'distribute') as a docker-archive tarball, without Docker.",
        subcommands = {ImageCommand.Build.class})
final class ImageCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("mutineer image: missing subcommand (build)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    @Command(name = "build",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            header = "Build the image of this mutineer and print its reference and tarball.",
            description = {
                    "One layer: a Java runtime jlink'ed from this JDK, this mutineer's jars (its class path: run it from "
                            + "a packaged build, as scripts/build-image.sh does), the control-plane binaries of a kwok-only "
                            + "cluster (etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok), the host tools "
                            + "the cluster and the shard script exec, with this host's shared libraries. Cached by content "
                            + "under ~/.cache/mutineer/images; the tag is the content hash. Import it with "
                            + "'ctr -n k8s.io images import TARBALL' (or docker load, kind load image-archive).",
                    ""},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:built (or found in the cache); stdout: REF TARBALL", "1:a part is missing (named)"})
    static final class Build implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            long start = System.nanoTime();
            MutineerImage.Image image = MutineerImage.build(m -> PlanCommand.log(err, m));
            PlanCommand.log(err, (image.cached() ? "cached: " : "built in " + (System.nanoTime() - start) / 1_000_000_000 + " s: ")
                    + image.ref() + ", " + image.bytes() / (1024 * 1024) + " MiB");
            out.println(image.ref() + " " + image.tarball());
            out.flush();
            return ExitCodes.OK;
        }
    }
}
