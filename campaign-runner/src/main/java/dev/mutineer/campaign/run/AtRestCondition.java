package dev.mutineer.campaign.run;

import java.util.List;

/**
 * One thing the reset waits for after a restore (every component running, the workload at rest, the real pods
 * running as the API says): what does not hold yet, in words, or nothing when it holds. The reset waits until no
 * condition names anything, and records what still does when it gives up. Client traffic back at its golden
 * success rate is meant to be one more of these.
 */
@FunctionalInterface
interface AtRestCondition {

    List<String> notMet();
}
