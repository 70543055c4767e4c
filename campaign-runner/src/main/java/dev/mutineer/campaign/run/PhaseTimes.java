package dev.mutineer.campaign.run;

/** Where the time of one injection went, in milliseconds: the benchmark's split, recorded in the journal too. */
public record PhaseTimes(long restoreMillis, long settleMillis, long injectMillis, long observeMillis, long classifyMillis) {

    public long totalMillis() {
        return restoreMillis + settleMillis + injectMillis + observeMillis + classifyMillis;
    }
}
