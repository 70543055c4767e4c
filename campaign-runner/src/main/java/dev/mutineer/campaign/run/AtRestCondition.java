package dev.mutineer.campaign.run;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One thing the reset waits for after a restore (every component running, the workload at rest, the real pods
 * running as the API says, client traffic back at its golden success rate): what does not hold yet, in words, or
 * nothing when it holds. The reset waits until no condition names anything in the same round of checks, and records
 * what still does when it gives up. The name says in the reset's timings which condition took how long.
 */
interface AtRestCondition {

    String name();

    /** What does not hold now; {@code restoredAt} is when the restore ended, for what must be seen after it. */
    List<String> notMet(Instant restoredAt);

    static AtRestCondition of(String name, Function<Instant, List<String>> notMet) {
        return new AtRestCondition() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<String> notMet(Instant restoredAt) {
                return notMet.apply(restoredAt);
            }
        };
    }
}
