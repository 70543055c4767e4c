package dev.mutineer.cli;

import dev.mutineer.campaign.job.ShardCollector;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code mutineer collect JOB --out DIR}: the shard results of a distributed campaign, fetched through the API. */
@Command(name = "collect",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Fetch the shard results of a Job printed by 'mutineer distribute' into local directories.",
        description = {
                "For each completion index K-1 of the Indexed Job JOB, reads the log of its succeeded pod through the API, "
                        + "where the pod printed its results directory at its end (base64 of a gzipped tar between two "
                        + "marker lines), and unpacks it into DIR/shard-K. Then: mutineer merge DIR/shard-* --out MERGED.",
                "Needs the Job's pods (collect before deleting the Job or before its ttlSecondsAfterFinished) and the "
                        + "host's tar. Only for --results-volume emptyDir: with a hostPath or a claim the results are there.",
                ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every shard collected",
                "1:the API could not be reached or a shard could not be unpacked",
                "2:no such Indexed Job, or DIR/shard-K exists already",
                "5:some shards collected, others not finished or without results (named on stderr)",
        })
final class CollectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB", description = "The Job's name (distribute prints it).")
    String job;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where shard-K directories are written.")
    Path out;

    @Option(names = "--namespace", paramLabel = "NS", description = "The Job's namespace (default: the kubeconfig's, else default).")
    String namespace;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig (default: KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ShardCollector.Collected collected;
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config()).build()) {
            String ns = namespace != null ? namespace : client.getNamespace() != null ? client.getNamespace() : "default";
            collected = ShardCollector.collect(client, ns, job, out);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        collected.missing().forEach((k, why) -> PlanCommand.log(err, "shard " + k + "/" + collected.shards() + ": " + why));
        collected.dirs().forEach(d -> stdout.println("collected " + d));
        stdout.println(collected.dirs().size() + " of " + collected.shards() + " shards collected; merge them with: mutineer merge "
                + out.resolve("shard-*") + " --out MERGED");
        stdout.flush();
        return collected.missing().isEmpty() ? ExitCodes.OK : ExitCodes.INCOMPLETE;
    }

    private Config config() {
        if (kubeconfig == null) {
            return Config.autoConfigure(null);
        }
        try {
            return Config.fromKubeconfig(Files.readString(kubeconfig));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig, e);
        }
    }
}
