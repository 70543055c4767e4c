package dev.mutineer.results;

import java.nio.file.Path;

/** The command line that replays one recorded injection. */
public final class ReproduceLine {

    private ReproduceLine() {
    }

    /** {@code mutineer reproduce <ID> --results <DIR>}, the directory absolute and shell-quoted when it needs it. */
    public static String of(String id, Path resultsDir) {
        return "mutineer reproduce " + id + " --results " + quote(resultsDir.toAbsolutePath().normalize().toString());
    }

    private static String quote(String s) {
        if (s.matches("[A-Za-z0-9_./:@%+=,-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
