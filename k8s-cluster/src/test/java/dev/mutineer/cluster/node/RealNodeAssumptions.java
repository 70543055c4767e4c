package dev.mutineer.cluster.node;

import org.junit.jupiter.api.Assumptions;

import java.util.List;

/**
 * Real-node tests need root and the node packages: where they are missing the test is skipped, visibly, naming
 * what is missing (scripts/test.sh installs the packages where it can, so CI runs them).
 */
public final class RealNodeAssumptions {

    private RealNodeAssumptions() {
    }

    public static void assumeRealNodesCanRun() {
        List<String> missing = NodePrerequisites.missing();
        if (!missing.isEmpty()) {
            System.out.println("SKIPPED real-node test: " + NodePrerequisites.message(missing));
        }
        Assumptions.assumeTrue(missing.isEmpty(), () -> NodePrerequisites.message(missing));
    }
}
