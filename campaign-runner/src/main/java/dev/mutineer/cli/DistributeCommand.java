package dev.mutineer.cli;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.job.CampaignBundle;
import dev.mutineer.campaign.job.Distributable;
import dev.mutineer.campaign.job.IndexedJob;
import dev.mutineer.campaign.job.PodResources;
import dev.mutineer.campaign.job.ResultsVolume;
import dev.mutineer.campaign.job.Tolerations;
import dev.mutineer.campaign.WorkloadScope;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code mutineer distribute FILE --shards N --image IMAGE}: prints a Kubernetes Indexed Job that runs the campaign. */
@Command(name = "distribute",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Print a Kubernetes Indexed Job that runs a campaign as N shards, one pod each.",
        description = {
                "Prints (on stdout, for kubectl apply -f -) a ConfigMap holding the campaign file and its manifests and an "
                        + "Indexed Job of N completions, all running at once: pod K-1 (JOB_COMPLETION_INDEX) runs "
                        + "'mutineer run FILE --shard K/N' on a kwok-only local cluster inside its own pod (no privileges), "
                        + "with requests and limits sized from the measured cost of one cluster. Nothing is applied.",
                "",
                "With the default emptyDir the pod prints its results into its log at the end; 'mutineer collect NAME "
                        + "--out DIR' fetches them through the API into DIR/shard-K, ready for 'mutineer merge'. With "
                        + "--results-volume hostPath:PATH or pvc:CLAIM they stay there under shard-K/.",
                ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  mutineer distribute examples/quickstart.yaml --shards 10 --image mutineer.local/mutineer:0a1b2c3d4e5f \\",
                "      | kubectl apply -f -",
                "  mutineer collect mutineer-quickstart --out shards/ && mutineer merge shards/shard-* --out merged",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the manifests were printed",
                "2:invalid campaign file or option, or a campaign that cannot run in a pod; nothing printed",
        })
final class DistributeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The campaign file; its manifests must lie in its directory tree.")
    Path file;

    @Option(names = "--shards", required = true, paramLabel = "N", description = "Number of shards, pods and completions.")
    int shards;

    @Option(names = "--image", required = true, paramLabel = "IMAGE",
            description = "The mutineer image (see 'mutineer image build'), present on the nodes or pullable.")
    String image;

    @Option(names = "--name", paramLabel = "NAME", description = "Name of the Job and the ConfigMap (default: mutineer-<campaign name>).")
    String name;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = "",
            description = "Namespace of the manifests (default: none written; kubectl's current one).")
    String namespace;

    @Option(names = "--results-volume", paramLabel = "VOLUME", defaultValue = "emptyDir",
            description = "emptyDir (default; results printed into the pod's log for 'collect'), hostPath:PATH or pvc:CLAIM.")
    String resultsVolume;

    @Option(names = "--node-selector", paramLabel = "KEY=VALUE", description = "A node label the pods require (repeatable).")
    Map<String, String> nodeSelector = new LinkedHashMap<>();

    @Option(names = "--toleration", paramLabel = "KEY[=VALUE][:EFFECT]",
            description = "A taint the pods tolerate (repeatable); without VALUE any value, without EFFECT every effect.")
    List<String> tolerations = List.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (shards < 1 || shards > dev.mutineer.campaign.shard.Shard.MAX_COUNT) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--shards must be between 1 and " + dev.mutineer.campaign.shard.Shard.MAX_COUNT + ", not " + shards);
        }
        Optional<Campaign> loaded = CampaignFiles.load(file, WorkloadScope.CAMPAIGN_TREE, err);
        if (loaded.isEmpty()) {
            return ExitCodes.USAGE;
        }
        Campaign campaign = loaded.get();
        List<String> problems = Distributable.problems(campaign);
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println(file + ": " + p));
            err.println(file + ": cannot run in a Job's pods; nothing printed");
            err.flush();
            return ExitCodes.USAGE;
        }
        String yaml;
        try {
            IndexedJob.Request request = new IndexedJob.Request(name != null ? name : "mutineer-" + jobName(campaign.name()),
                    namespace, image, shards, campaign.name(), CampaignBundle.of(campaign), PodResources.PER_SHARD,
                    ResultsVolume.parse(resultsVolume), nodeSelector, tolerations.stream().map(Tolerations::parse).toList());
            yaml = IndexedJob.yaml(request);
            PlanCommand.log(err, "Indexed Job " + request.name() + ": " + shards + " shards of campaign " + campaign.name()
                    + (request.volume().printsToLog() ? "; after it completes: mutineer collect " + request.name() + " --out DIR" : ""));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        out.print(yaml);
        out.flush();
        return ExitCodes.OK;
    }

    /** A campaign name as the tail of a DNS label. */
    static String jobName(String campaign) {
        String n = campaign.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        n = n.length() > 43 ? n.substring(0, 43).replaceAll("-+$", "") : n;
        return n.isEmpty() ? "campaign" : n;
    }
}
