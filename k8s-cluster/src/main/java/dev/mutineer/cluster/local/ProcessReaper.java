package dev.mutineer.cluster.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Makes sure no cluster process outlives the JVM that started it. Two layers:
 * <ol>
 *   <li>a watchdog process per cluster that waits for the JVM to exit and then kills the
 *       cluster's processes (covers SIGKILL of the JVM within about a second);</li>
 *   <li>a registry of running clusters under the cache directory; every new LocalCluster first
 *       reaps the processes of clusters whose owner JVM is gone (covers a killed watchdog).</li>
 * </ol>
 * A PID is only killed when its command line mentions the cluster's work directory, so a
 * recycled PID is never hit.
 */
final class ProcessReaper {

    private ProcessReaper() {
    }

    static Path registryDir() {
        return Binaries.cacheRoot().resolve("run");
    }

    static void register(String clusterId, Path workDir, boolean keepWorkDir) {
        try {
            Files.createDirectories(registryDir());
            Files.writeString(registryDir().resolve(clusterId + ".cluster"),
                    "owner=" + ProcessHandle.current().pid() + "\nworkDir=" + workDir + "\nkeep=" + keepWorkDir + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot register cluster in " + registryDir(), e);
        }
    }

    static void unregister(String clusterId) {
        try {
            Files.deleteIfExists(registryDir().resolve(clusterId + ".cluster"));
        } catch (IOException ignored) {
            // The next reap removes the entry: its owner will be gone.
        }
    }

    /** Kills the processes of clusters whose owner JVM is gone; returns the PIDs it killed. */
    static List<Long> reapOrphans() {
        List<Long> killed = new ArrayList<>();
        if (!Files.isDirectory(registryDir())) {
            return killed;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(registryDir(), "*.cluster")) {
            for (Path entry : entries) {
                Properties p = new Properties();
                try (var in = Files.newInputStream(entry)) {
                    p.load(in);
                } catch (IOException e) {
                    continue;
                }
                long owner = Long.parseLong(p.getProperty("owner", "-1"));
                if (owner > 0 && ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                Path workDir = Path.of(p.getProperty("workDir"));
                killed.addAll(killClusterProcesses(workDir));
                if (!Boolean.parseBoolean(p.getProperty("keep", "false"))) {
                    deleteRecursively(workDir);
                }
                Files.deleteIfExists(entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + registryDir(), e);
        }
        return killed;
    }

    /** SIGKILL every process listed in workDir/pids whose command line names workDir. */
    static List<Long> killClusterProcesses(Path workDir) {
        List<Long> killed = new ArrayList<>();
        Path pids = workDir.resolve("pids");
        if (!Files.isDirectory(pids)) {
            return killed;
        }
        try (Stream<Path> files = Files.list(pids)) {
            for (Path f : files.toList()) {
                long pid;
                try {
                    pid = Long.parseLong(Files.readString(f).trim());
                } catch (IOException | NumberFormatException e) {
                    continue;
                }
                if (commandLine(pid).map(c -> c.contains(workDir.toString())).orElse(false)) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    killed.add(pid);
                }
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return killed;
    }

    /**
     * Starts the watchdog: a shell in its own session that blocks until the JVM exits, then
     * kills whatever PID files remain. close() stops it before stopping the components.
     */
    static Process startWatchdog(Path workDir) {
        String script = """
                tail --pid="$0" -f /dev/null
                for f in "$1"/pids/*.pid; do
                  [ -f "$f" ] || continue
                  p=$(cat "$f")
                  if tr '\\0' ' ' < /proc/"$p"/cmdline 2>/dev/null | grep -qF -- "$1"; then kill -9 "$p"; fi
                  rm -f "$f"
                done
                """;
        try {
            return new ProcessBuilder("setsid", "bash", "-c", script, Long.toString(ProcessHandle.current().pid()), workDir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("logs/watchdog.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the cluster watchdog", e);
        }
    }

    static Optional<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return Optional.of(new String(raw, StandardCharsets.UTF_8).replace('\0', ' '));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // Best effort: a file still held open by a dying process.
                }
            });
        } catch (IOException ignored) {
            // The directory vanished meanwhile.
        }
    }
}
