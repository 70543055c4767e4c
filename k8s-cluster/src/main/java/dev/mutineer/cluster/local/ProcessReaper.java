package dev.mutineer.cluster.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    private static final Logger LOG = LoggerFactory.getLogger(ProcessReaper.class);

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
        return reapOrphans(registryDir());
    }

    /**
     * The same over one registry directory. An entry that cannot be read as a registration (a torn write, a
     * file from another version, garbage) names no work directory to reap: it is moved to
     * {@code quarantine/} with a warning, so it neither stops this start nor every later one.
     */
    static List<Long> reapOrphans(Path registry) {
        List<Long> killed = new ArrayList<>();
        if (!Files.isDirectory(registry)) {
            return killed;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(registry, "*.cluster")) {
            for (Path entry : entries) {
                Optional<Registration> parsed;
                try {
                    parsed = Registration.read(entry);
                } catch (IOException e) {
                    continue; // vanished meanwhile: its owner unregistered it
                }
                if (parsed.isEmpty()) {
                    quarantine(registry, entry);
                    continue;
                }
                Registration r = parsed.get();
                if (ProcessHandle.of(r.owner()).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                killed.addAll(killClusterProcesses(r.workDir()));
                if (!r.keepWorkDir()) {
                    deleteRecursively(r.workDir());
                }
                Files.deleteIfExists(entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + registry, e);
        }
        return killed;
    }

    /** One registered cluster: the JVM that owns it, its work directory, whether to keep that directory. */
    record Registration(long owner, Path workDir, boolean keepWorkDir) {

        /** Empty when the file is not a registration this version wrote. */
        static Optional<Registration> read(Path file) throws IOException {
            Properties p = new Properties();
            try (var in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IllegalArgumentException e) {
                return Optional.empty(); // a malformed unicode escape
            }
            return parse(p);
        }

        static Optional<Registration> parse(Properties p) {
            String owner = p.getProperty("owner", "");
            String workDir = p.getProperty("workDir", "");
            String keep = p.getProperty("keep", "false");
            if (!owner.matches("[1-9][0-9]{0,18}") || workDir.isBlank() || !Path.of(workDir).isAbsolute()
                    || !(keep.equals("true") || keep.equals("false"))) {
                return Optional.empty();
            }
            return Optional.of(new Registration(Long.parseLong(owner), Path.of(workDir), Boolean.parseBoolean(keep)));
        }
    }

    private static void quarantine(Path registry, Path entry) {
        Path dir = registry.resolve("quarantine");
        try {
            Files.createDirectories(dir);
            Path moved = Files.move(entry, dir.resolve(entry.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            LOG.warn("skipped malformed cluster registration {}: moved to {}", entry, moved);
        } catch (IOException e) {
            LOG.warn("skipped malformed cluster registration {} (cannot move it to {}: {})", entry, dir, e.getMessage());
        }
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
