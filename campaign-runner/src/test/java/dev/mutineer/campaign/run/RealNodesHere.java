package dev.mutineer.campaign.run;

import dev.mutineer.cluster.node.NodePrerequisites;
import org.junit.jupiter.api.Assumptions;

import java.util.List;

/** For the real-node live tests: skip, visibly and naming what is missing, where this host cannot run real nodes. */
public final class RealNodesHere {

    private RealNodesHere() {
    }

    public static void assume(String test) {
        List<String> missing = NodePrerequisites.missing();
        if (!missing.isEmpty()) {
            System.out.println("SKIPPED " + test + ": " + NodePrerequisites.message(missing));
        }
        Assumptions.assumeTrue(missing.isEmpty(), () -> NodePrerequisites.message(missing));
    }
}
