package dev.mutineer.cluster.netns;

import dev.mutineer.cluster.ComponentState;
import dev.mutineer.cluster.ProcessStop;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A long-running helper process of a cluster (a node daemon, a relay), as the control-plane
 * components run: its own session (setsid, so a terminal's Ctrl-C reaches only the JVM), its log in
 * a file, its PID in {@code pidDir} so that the cluster's watchdog and the next start's reaper find it.
 * Those kill a PID only when its command line names the cluster's work directory: the argv must.
 */
public final class ChildProcess implements AutoCloseable {

    private final String name;
    private final List<String> argv;
    private final Path log;
    private final Path pidFile;
    private Process process;
    private boolean paused;

    public ChildProcess(String name, List<String> argv, Path logDir, Path pidDir) {
        this.name = name;
        this.argv = List.copyOf(argv);
        this.log = logDir.resolve(name + ".log");
        this.pidFile = pidDir.resolve(name + ".pid");
    }

    /** Starts the process; one that runs already is left as it is. */
    public synchronized ChildProcess start() {
        if (alive()) {
            return this;
        }
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(pidFile.getParent());
            Files.writeString(log, "\n=== mutineer: " + String.join(" ", argv) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            List<String> cmd = new ArrayList<>();
            cmd.add("setsid");
            cmd.addAll(argv);
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            paused = false;
            Files.writeString(pidFile, Long.toString(process.pid()));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + argv.get(0) + ")", e);
        }
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** The last lines of its log, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** RUNNING, PAUSED (after {@link #pause}) or DOWN (never started, stopped, killed or exited). */
    public synchronized ComponentState state() {
        if (!alive()) {
            return ComponentState.DOWN;
        }
        return paused ? ComponentState.PAUSED : ComponentState.RUNNING;
    }

    /** SIGTERM, then SIGKILL after the grace period; a paused process is continued first so that it can exit. */
    public synchronized void stop(long graceMillis) {
        if (process != null) {
            if (paused && process.isAlive()) {
                signal("CONT");
            }
            ProcessStop.gracefully(process, graceMillis);
        }
        paused = false;
        deletePidFile();
    }

    /** SIGKILL to this process only: what it started in sessions of their own (containerd's shims) runs on. */
    public synchronized void kill() {
        if (process != null) {
            ProcessStop.forcibly(process);
        }
        paused = false;
        deletePidFile();
    }

    /** SIGSTOP: frozen, its sockets stay open. */
    public synchronized void pause() {
        requireAlive("pause");
        signal("STOP");
        paused = true;
    }

    /** SIGCONT after {@link #pause}. */
    public synchronized void resume() {
        requireAlive("resume");
        signal("CONT");
        paused = false;
    }

    private void requireAlive(String what) {
        if (!alive()) {
            throw new IllegalStateException("cannot " + what + " " + name + ": it is not running");
        }
    }

    private void signal(String sig) {
        Shell.Result r = Shell.run(List.of("kill", "-" + sig, Long.toString(process.pid())));
        if (!r.ok()) {
            throw new IllegalStateException("kill -" + sig + " " + process.pid() + " failed for " + name + ": " + r.output());
        }
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // A stale PID file is harmless: the reaper checks the command line first.
        }
    }

    @Override
    public void close() {
        stop(3_000);
    }
}
