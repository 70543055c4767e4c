package dev.mutineer.cli;

import dev.mutineer.campaign.shard.MergeFile;
import dev.mutineer.campaign.shard.ShardMerge;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mutineer merge DIR... --out DIR}: the results of a campaign's shards as one results directory. */
@Command(name = "merge",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Merge the results directories of a campaign's shards (run --shard K/N) into one.",
        description = {
                "Every DIR must hold a shard of the same campaign (the same campaign file and manifests, byte for "
                        + "byte: shard.json records their SHA-256) cut into the same N. The merged journal holds one "
                        + "record per injection ID: equal records of one ID (a directory given twice, a copied shard) "
                        + "count once; two different records of one ID (a shard run twice) are a conflict: the record "
                        + "of the DIR given first is kept, the other goes to OUT/rejected.jsonl, and both are named. "
                        + "A record in the directory of a shard it does not belong to is kept out the same way. "
                        + "Missing shards are named (\"shards 1,3 of 4 present; missing 2,4\"): run them and merge again.",
                "",
                "OUT gets the merged journal (reproduce lines naming OUT), the campaign copy, merge.json (what was "
                        + "merged from where) and each shard's shard.json and golden baselines under "
                        + "OUT/shards/shard-K-of-N/. 'mutineer report OUT' renders it as one campaign (the report reads "
                        + "the journal only; no baseline is pooled); 'mutineer reproduce ID --results OUT' replays "
                        + "against the baseline of the shard that recorded ID. OUT must be new, empty or an earlier "
                        + "merge output, which is replaced whole: the merge is built beside OUT and moved into place.",
                ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  mutineer merge mutineer-results/quickstart.shard-1-of-2 mutineer-results/quickstart.shard-2-of-2 \\",
                "      --out mutineer-results/quickstart",
                "  mutineer report mutineer-results/quickstart",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every shard merged, no record kept out",
                "1:the merge could not be written",
                "2:not shards of one campaign, a DIR is no shard, or OUT is not a place to merge into; nothing written",
                "5:merged, but shards are missing or records were kept out (named on stderr and in OUT/merge.json)",
        })
final class MergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "DIR", description = "The shards' results directories.")
    List<Path> dirs;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "The merged results directory.")
    Path out;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MergeFile merged;
        try {
            merged = ShardMerge.merge(dirs, out, note -> PlanCommand.log(err, "warning: " + note));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        merged.skipped().forEach(s -> PlanCommand.log(err, "warning: " + s));
        merged.conflicts().forEach(c -> PlanCommand.log(err, "conflict: " + c));
        merged.refused().forEach(r -> PlanCommand.log(err, "warning: " + r));
        stdout.println("campaign " + merged.campaign() + " (seed " + merged.seed() + "): " + merged.coverage());
        stdout.println(merged.records() + " records from " + merged.sources().size() + " directories"
                + (merged.duplicates() == 0 ? "" : ", " + merged.duplicates() + " equal duplicates counted once")
                + (merged.conflicts().isEmpty() ? "" : ", " + merged.conflicts().size() + " conflicts")
                + (merged.refused().isEmpty() ? "" : ", " + merged.refused().size() + " records in the wrong shard left out"));
        stdout.println("merged into " + out.toAbsolutePath().normalize() + "; render it with: mutineer report " + out);
        stdout.flush();
        return merged.complete() ? ExitCodes.OK : ExitCodes.INCOMPLETE;
    }
}
