package dev.mutineer.cli;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignException;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.campaign.Problem;
import dev.mutineer.campaign.WorkloadScope;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** Loads a campaign file for a command, printing its problems the way `validate` does. */
final class CampaignFiles {

    private CampaignFiles() {
    }

    /** The workload scope an {@code --allow-outside} flag asks for. */
    static WorkloadScope scope(boolean allowOutside) {
        return allowOutside ? WorkloadScope.ANYWHERE : WorkloadScope.CAMPAIGN_TREE;
    }

    /** The campaign, or empty after printing every problem (the caller exits with {@link ExitCodes#USAGE}). */
    static Optional<Campaign> load(Path file, WorkloadScope scope, PrintWriter err) {
        try {
            return Optional.of(new CampaignLoader(scope).load(file));
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
