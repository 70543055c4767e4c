package dev.mutineer.cli;

import dev.mutineer.cluster.node.NodePrerequisites;

import java.util.List;

/**
 * Real nodes need root and the node packages: a command that would start them checks first, so it exits 3 with
 * what to do before any cluster starts. kwok-only clusters pass unchecked (they run unprivileged).
 */
final class RealNodeCheck {

    private RealNodeCheck() {
    }

    /** Throws {@link Mutineer.PrerequisiteMissing} when {@code realNodes > 0} and this host cannot run them. */
    static void require(int realNodes) {
        if (realNodes > 0) {
            require(realNodes, NodePrerequisites.missing());
        }
    }

    /** The same, given what this host lacks. */
    static void require(int realNodes, List<String> missing) {
        if (realNodes > 0 && !missing.isEmpty()) {
            throw new Mutineer.PrerequisiteMissing(realNodes + (realNodes == 1 ? " real node was" : " real nodes were")
                    + " asked for, but " + NodePrerequisites.message(missing), null);
        }
    }
}
