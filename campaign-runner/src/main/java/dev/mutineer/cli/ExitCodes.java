package dev.mutineer.cli;

/** The exit codes of every mutineer command; Mutineer's exitCodeList shows them in --help: keep both in step. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Something went wrong while doing the work (a cluster did not come up, a script failed). */
    public static final int FAILURE = 1;
    /** Bad command line or bad input file; nothing was run. Picocli uses 2 for usage errors too. */
    public static final int USAGE = 2;
    /** A prerequisite is missing: cluster binaries cannot be provisioned, no Docker engine for kind. */
    public static final int PREREQUISITE = 3;
    /** reproduce: the replay ended in another outcome class than the recorded injection. */
    public static final int DIFFERENT = 4;
    /** merge: merged, but shards are missing or records were kept out (conflicts); merge.json lists them. */
    public static final int INCOMPLETE = 5;
    /** run, report: every injection is recorded, and an expectation of the campaign (its expect: list) is violated. */
    public static final int EXPECTATION = 6;
    /** Stopped by Ctrl-C (SIGINT), by convention 128 + 2. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
