package dev.mutineer.cli;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.RealNodesFallback;
import dev.mutineer.cluster.node.NodePrerequisites;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Real nodes need root and the node packages: a command that would start them checks first, so it exits 3 with
 * what to do before any cluster starts, or, for a campaign with {@code cluster.realNodesFallback: kwok-only}, says
 * why in one line and runs on kwok nodes only. kwok-only clusters pass unchecked (they run unprivileged).
 */
final class RealNodeCheck {

    /** What this host lacks for real nodes; a test seam, so a test can take the fallback on a host that has them. */
    static Supplier<List<String>> prerequisites = NodePrerequisites::missing;

    private RealNodeCheck() {
    }

    /**
     * The campaign a command runs here, and why real nodes are not part of it when it fell back.
     *
     * @param unavailable why the campaign's real nodes cannot run here; empty when it runs as written
     */
    record Choice(Campaign campaign, Optional<String> unavailable) {

        /** The line a command prints when it falls back. */
        Optional<String> line() {
            return unavailable.map(why -> "real nodes unavailable: " + why + "; running kwok-only");
        }
    }

    /** {@link #choose(Campaign, List)} with what this host lacks, asked only when the campaign wants real nodes. */
    static Choice choose(Campaign campaign) {
        return campaign.cluster().realNodes() > 0 ? choose(campaign, prerequisites.get()) : new Choice(campaign, Optional.empty());
    }

    /**
     * The campaign as written when the host has what its real nodes need (or it asks for none); else its kwok-only
     * form when its fallback allows it; else {@link Mutineer.PrerequisiteMissing}.
     */
    static Choice choose(Campaign campaign, List<String> missing) {
        int n = campaign.cluster().realNodes();
        if (n == 0 || missing.isEmpty()) {
            return new Choice(campaign, Optional.empty());
        }
        if (campaign.cluster().realNodesFallback() == RealNodesFallback.KWOK_ONLY) {
            return new Choice(campaign.kwokOnly(), Optional.of(String.join(" and ", missing) + " missing"));
        }
        throw unavailable(n, missing, " A campaign can run kwok-only instead where real nodes cannot run: cluster.realNodesFallback: kwok-only.");
    }

    /** Throws {@link Mutineer.PrerequisiteMissing} when {@code realNodes > 0} and this host cannot run them. */
    static void require(int realNodes) {
        if (realNodes > 0) {
            require(realNodes, prerequisites.get());
        }
    }

    /** The same, given what this host lacks. */
    static void require(int realNodes, List<String> missing) {
        if (realNodes > 0 && !missing.isEmpty()) {
            throw unavailable(realNodes, missing, "");
        }
    }

    private static Mutineer.PrerequisiteMissing unavailable(int realNodes, List<String> missing, String alternative) {
        return new Mutineer.PrerequisiteMissing(realNodes + (realNodes == 1 ? " real node was" : " real nodes were")
                + " asked for, but " + NodePrerequisites.message(missing) + alternative, null);
    }
}
