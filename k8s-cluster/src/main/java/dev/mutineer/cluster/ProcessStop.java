package dev.mutineer.cluster;

import java.util.concurrent.TimeUnit;

/** How every child process of a cluster is stopped: control-plane components and node daemons alike. */
public final class ProcessStop {

    private ProcessStop() {
    }

    /** SIGKILL, and up to 5 s for the process to be gone. */
    public static void forcibly(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, then SIGKILL when the process has not exited within the grace period. */
    public static void gracefully(Process process, long graceMillis) {
        process.destroy();
        try {
            if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
