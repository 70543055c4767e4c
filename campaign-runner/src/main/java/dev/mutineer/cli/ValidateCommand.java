package dev.mutineer.cli;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignException;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.campaign.ClusterSpec;
import dev.mutineer.campaign.Durations;
import dev.mutineer.campaign.FaultSpec;
import dev.mutineer.campaign.Problem;
import dev.mutineer.campaign.Targets;
import dev.mutineer.campaign.WorkloadManifests;
import dev.mutineer.campaign.WorkloadManifests.WorkloadObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code mutineer validate FILE...}: checks campaign files without starting anything. */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Check campaign files without running anything.",
        description = {
                "Parse and check campaign files and their workload manifests, then print a summary of each. "
                        + "Nothing is started. Every problem is reported as FILE:LINE:COLUMN: FIELD: MESSAGE.",
                ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every file is valid",
                "2:at least one file is invalid (its problems are printed on stderr)",
        })
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Campaign files (YAML), e.g. examples/quickstart.yaml.")
    List<Path> files;

    @Option(names = "--allow-outside",
            description = "Read workload manifests outside the campaign file's directory tree too (absolute paths, '..', "
                    + "symbolic links pointing out); without it they are refused.")
    boolean allowOutside;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CampaignLoader loader = new CampaignLoader(CampaignFiles.scope(allowOutside));
        int invalid = 0;
        for (Path file : files) {
            try {
                Campaign c = loader.load(file);
                printSummary(out, file, c);
            } catch (CampaignException e) {
                invalid++;
                for (Problem p : e.problems()) {
                    err.println(p);
                }
                err.println(file + ": invalid (" + e.problems().size() + (e.problems().size() == 1 ? " problem)" : " problems)"));
            }
        }
        out.flush();
        err.flush();
        return invalid == 0 ? ExitCodes.OK : ExitCodes.USAGE;
    }

    static void printSummary(PrintWriter out, Path file, Campaign c) {
        out.println(file + ": valid");
        out.println("  name:        " + c.name());
        out.println("  seed:        " + c.seed());
        Map<String, ClusterSpec> variants = c.clusterVariants();
        if (c.variants().isEmpty()) {
            out.println("  cluster:     " + c.cluster());
        } else {
            out.println("  variants:    " + variants.size() + " (differential)");
            variants.forEach((name, spec) -> out.println("    " + name + ": " + spec));
        }
        List<WorkloadObject> objects = WorkloadManifests.objects(c.manifestFiles());
        out.println("  workload:    " + String.join(", ", c.workload()) + " (" + objects.size() + " objects: " + countByKind(objects) + ")");
        out.println("  targets:     " + describe(c.targets()));
        long randomTotal = 0;
        boolean anyExhaustive = false;
        out.println("  faults:");
        for (FaultSpec f : c.faults()) {
            out.println("    " + f.operator() + ": " + f.sample() + (f.parameters().isEmpty() ? "" : " " + f.parameters()));
            if (f.sample().exhaustive()) {
                anyExhaustive = true;
            } else {
                randomTotal += f.sample().count();
            }
        }
        if (!c.expect().isEmpty()) {
            out.println("  expect:      " + String.join("; ", c.expect().stream().map(dev.mutineer.campaign.Expectation::describe).toList()));
        }
        out.println("  observation: window " + Durations.format(c.observationWindow()) + ", settle "
                + Durations.format(c.settleTime()) + ", " + c.goldenRuns() + " golden runs, "
                + c.repetitions() + (c.repetitions() == 1 ? " repetition" : " repetitions"));
        out.println("  reset:       " + c.reset().label() + (c.reset() == dev.mutineer.campaign.ResetMode.RESTART_CONTROLLERS
                ? " (saved keys back, then kube-controller-manager and kube-scheduler restarted)" : " (saved keys back)"));
        c.trafficSpec().ifPresent(t -> out.println("  traffic:     " + t + ", timeout " + Durations.format(t.timeout())));
        // In long: the validator's bounds keep this far below overflow, an int would not be.
        long runs = (randomTotal * c.repetitions() + c.goldenRuns()) * variants.size();
        Duration lowerBound = c.observationWindow().plus(c.settleTime()).multipliedBy(runs);
        String injections = randomTotal > 0 && anyExhaustive ? randomTotal + " random + the exhaustive operators' candidates"
                : anyExhaustive ? "the exhaustive operators' candidates" : randomTotal + " random";
        out.println("  plan:        " + injections + " x " + c.repetitions()
                + (c.repetitions() == 1 ? " repetition" : " repetitions") + " x " + variants.size()
                + (variants.size() == 1 ? " variant" : " variants") + "; at least " + Durations.format(lowerBound)
                + " of observing and settling" + (anyExhaustive ? " before the exhaustive part (its size comes from the field catalog)" : ""));
    }

    private static String countByKind(List<WorkloadObject> objects) {
        Map<String, Long> byKind = new TreeMap<>(objects.stream().collect(Collectors.groupingBy(WorkloadObject::kind, Collectors.counting())));
        return byKind.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    private static String describe(Targets t) {
        if (t.equals(Targets.ALL)) {
            return "everything in the field catalog";
        }
        StringBuilder sb = new StringBuilder();
        append(sb, "kinds", t.kinds());
        append(sb, "namespaces", t.namespaces());
        append(sb, "names", t.names());
        append(sb, "fields", t.fields());
        return sb.toString();
    }

    private static void append(StringBuilder sb, String label, List<String> values) {
        if (!values.isEmpty()) {
            sb.append(sb.length() == 0 ? "" : "; ").append(label).append(' ').append(String.join(", ", values));
        }
    }
}
