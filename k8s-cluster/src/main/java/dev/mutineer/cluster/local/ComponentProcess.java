package dev.mutineer.cluster.local;

import dev.mutineer.cluster.Component;
import dev.mutineer.cluster.ComponentState;
import dev.mutineer.cluster.ProcessStop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One control-plane process. It runs in a session of its own (setsid) so that a Ctrl-C in the
 * user's terminal reaches only the JVM, which then tears the cluster down in order; its PID
 * goes to a file so that a watchdog or the next start can reap it if the JVM dies. A process that exits
 * while it was not stopped or killed on purpose is reported to its {@link ExitListener} (the supervisor).
 */
final class ComponentProcess {

    /** Told of a process that exited by itself; called on the JVM's process-reaper thread. */
    interface ExitListener {
        void exited(ComponentProcess p, int exitValue, Instant startedAt, Instant exitedAt);

        ExitListener NONE = (p, exitValue, startedAt, exitedAt) -> { };
    }

    private final Component component;
    private final List<String> command;
    private final Path workDir;
    private final Path log;
    private final Path pidFile;
    private final ExitListener exitListener;
    private Process process;
    private boolean paused;
    // Set by stop() and kill(), cleared by start(): an exit then is not the process's own doing.
    private boolean stoppedOnPurpose;
    private int starts;

    ComponentProcess(Component component, List<String> command, Path workDir) {
        this(component, command, workDir, ExitListener.NONE);
    }

    ComponentProcess(Component component, List<String> command, Path workDir, ExitListener exitListener) {
        this.component = component;
        this.exitListener = exitListener;
        this.command = List.copyOf(command);
        this.workDir = workDir;
        this.log = workDir.resolve("logs").resolve(component.binary() + ".log");
        this.pidFile = workDir.resolve("pids").resolve(component.binary() + ".pid");
    }

    synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(pidFile.getParent());
            List<String> cmd = new ArrayList<>();
            cmd.add("setsid");
            cmd.addAll(command);
            Files.writeString(log, "\n" + dev.mutineer.cluster.Cluster.START_MARK + (++starts) + ": " + String.join(" ", command) + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder(cmd)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            paused = false;
            stoppedOnPurpose = false;
            Process started = process;
            Instant startedAt = Instant.now();
            started.onExit().thenAccept(done -> exited(done, startedAt));
            Files.writeString(pidFile, Long.toString(process.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + component.binary() + " (" + command.get(0) + ")", e);
        }
    }

    private void exited(Process done, Instant startedAt) {
        synchronized (this) {
            if (done != process || stoppedOnPurpose) {
                return;
            }
        }
        exitListener.exited(this, done.exitValue(), startedAt, Instant.now());
    }

    /** Whether the process is down and was not stopped or killed on purpose since it last started. */
    synchronized boolean exitedByItself() {
        return process != null && !process.isAlive() && !stoppedOnPurpose;
    }

    synchronized ComponentState state() {
        if (process == null || !process.isAlive()) {
            return ComponentState.DOWN;
        }
        return paused ? ComponentState.PAUSED : ComponentState.RUNNING;
    }

    /** SIGTERM, then SIGKILL when the process has not exited within the grace period. */
    synchronized void stop(long graceMillis) {
        stoppedOnPurpose = true;
        if (process == null) {
            return;
        }
        if (paused) {
            signal("CONT");
            paused = false;
        }
        ProcessStop.gracefully(process, graceMillis);
        deletePidFile();
    }

    synchronized void kill() {
        stoppedOnPurpose = true;
        if (process == null) {
            return;
        }
        ProcessStop.forcibly(process);
        paused = false;
        deletePidFile();
    }

    synchronized void pause() {
        requireAlive("pause");
        signal("STOP");
        paused = true;
    }

    synchronized void resume() {
        requireAlive("resume");
        signal("CONT");
        paused = false;
    }

    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    Path log() {
        return log;
    }

    Component component() {
        return component;
    }

    /** The last lines of the log, for error messages. */
    String logTail(int lines) {
        return String.join("\n", lastLogLines(lines));
    }

    /** The last lines of the log, or one line saying there is none. */
    List<String> lastLogLines(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return List.of("(no log at " + log + ")");
        }
    }

    private void requireAlive(String what) {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("cannot " + what + " " + component.binary() + ": it is not running");
        }
    }

    private void signal(String sig) {
        try {
            Process p = new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("kill -" + sig + " " + process.pid() + " failed for " + component.binary());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // A stale PID file is harmless: the reaper checks the command line before killing.
        }
    }
}
