package dev.mutineer.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A control-plane process that exited by itself (not stopped on purpose), as the backend's supervisor saw it.
 *
 * @param exitValue    the process's exit status; 128 + n when signal n ended it (the JVM's convention, as a shell's)
 * @param upFor        how long that process had run
 * @param lastLogLines the end of its log when it exited
 * @param backOff      how long the supervisor waits before starting it again
 * @param restartedAt  when the supervisor started it again; null until then, or when something else (a reset, a
 *                     fault's end, the cluster's close) took over
 */
public record ComponentExit(Component component, Instant exitedAt, int exitValue, Duration upFor,
                            List<String> lastLogLines, Duration backOff, Instant restartedAt) {

    public ComponentExit {
        lastLogLines = List.copyOf(lastLogLines);
    }

    /** The signal that ended the process, when one did. */
    public Optional<Integer> signal() {
        return exitValue > 128 ? Optional.of(exitValue - 128) : Optional.empty();
    }

    /** "SIGKILL" or "exit code 1". */
    public String status() {
        return signal().map(ComponentExit::signalName).orElse("exit code " + exitValue);
    }

    public ComponentExit restarted(Instant at) {
        return new ComponentExit(component, exitedAt, exitValue, upFor, lastLogLines, backOff, at);
    }

    private static String signalName(int n) {
        return switch (n) {
            case 1 -> "SIGHUP";
            case 2 -> "SIGINT";
            case 6 -> "SIGABRT";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 15 -> "SIGTERM";
            default -> "signal " + n;
        };
    }
}
