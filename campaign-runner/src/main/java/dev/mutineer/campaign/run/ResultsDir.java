package dev.mutineer.campaign.run;

import dev.mutineer.campaign.Campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A campaign's results directory: journal.jsonl, baseline-*.json, report.*, and a copy of the campaign file
 * with its workload under {@code campaign/}, so `mutineer reproduce` works from the results alone.
 */
public final class ResultsDir {

    public static final String JOURNAL = "journal.jsonl";
    static final String CAMPAIGN_DIR = "campaign";
    /** Holds the copied campaign file's name: the workload may have YAML files beside it. */
    static final String CAMPAIGN_NAME_FILE = "CAMPAIGN";

    private ResultsDir() {
    }

    /** Where `run` writes when no --out is given: mutineer-results/NAME under the working directory. */
    public static Path defaultFor(Campaign campaign) {
        return Path.of("mutineer-results", campaign.name());
    }

    public static boolean hasJournal(Path dir) {
        return Files.isRegularFile(dir.resolve(JOURNAL));
    }

    /**
     * Copies the campaign file and its workload entries (paths relative to the campaign file) into dir/campaign.
     * Returns warnings for entries that lie outside the campaign's directory and so cannot be copied alongside.
     */
    public static List<String> copyCampaign(Path dir, Campaign campaign) {
        List<String> warnings = new ArrayList<>();
        Path target = dir.resolve(CAMPAIGN_DIR);
        try {
            Files.createDirectories(target);
            Files.copy(campaign.file(), target.resolve(campaign.file().getFileName()), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(target.resolve(CAMPAIGN_NAME_FILE), campaign.file().getFileName().toString() + "\n");
            Path base = campaign.file().getParent();
            for (String entry : campaign.workload()) {
                Path rel = Path.of(entry).normalize();
                if (rel.isAbsolute() || rel.startsWith("..")) {
                    warnings.add("workload entry '" + entry + "' lies outside the campaign's directory; not copied, "
                            + "so reproduce needs it at its original place");
                    continue;
                }
                copyTree(base.resolve(rel), target.resolve(rel));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the campaign into " + target, e);
        }
        return warnings;
    }

    /** The campaign file copied into a results directory by {@link #copyCampaign}. */
    public static Path campaignFile(Path dir) {
        Path nameFile = dir.resolve(CAMPAIGN_DIR).resolve(CAMPAIGN_NAME_FILE);
        try {
            return dir.resolve(CAMPAIGN_DIR).resolve(Files.readString(nameFile).trim());
        } catch (IOException e) {
            throw new IllegalArgumentException(dir + " holds no copy of its campaign (" + nameFile + " is missing); "
                    + "is it a directory written by 'mutineer run'?", e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
