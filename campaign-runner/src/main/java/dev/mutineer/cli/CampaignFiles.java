package dev.mutineer.cli;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignException;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.campaign.Problem;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** Loads a campaign file for a command, printing its problems the way `validate` does. */
final class CampaignFiles {

    private CampaignFiles() {
    }

    /** The campaign, or empty after printing every problem (the caller exits with {@link ExitCodes#USAGE}). */
    static Optional<Campaign> load(Path file, PrintWriter err) {
        try {
            return Optional.of(new CampaignLoader().load(file));
        } catch (CampaignException e) {
            for (Problem p : e.problems()) {
                err.println(p);
            }
            err.println(file + ": invalid (" + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems")
                    + "); nothing was run");
            err.flush();
            return Optional.empty();
        }
    }
}
