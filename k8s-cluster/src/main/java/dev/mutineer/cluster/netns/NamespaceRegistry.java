package dev.mutineer.cluster.netns;

import dev.mutineer.cluster.local.Binaries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The network namespaces mutineer created, one file each beside the cluster registry
 * ({@code ~/.cache/mutineer/run/<name>.netns}, naming the owner JVM). A namespace whose owner is gone
 * is deleted by the next {@link NetworkNamespace#create}, after killing what still runs in it: every
 * process in a mutineer namespace is mutineer's.
 */
public final class NamespaceRegistry {

    private NamespaceRegistry() {
    }

    static Path registryDir() {
        return Binaries.cacheRoot().resolve("run");
    }

    static void register(String name) {
        try {
            Files.createDirectories(registryDir());
            Files.writeString(registryDir().resolve(name + ".netns"), "owner=" + ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot register network namespace in " + registryDir(), e);
        }
    }

    /** Kills what runs in the namespace, deletes it and its registry entry. */
    static void delete(String name) {
        killProcessesIn(name);
        Shell.Result r = Shell.run(List.of("ip", "netns", "delete", name));
        if (!r.ok() && Files.exists(NetworkNamespace.path(name))) {
            throw new IllegalStateException("cannot delete network namespace " + name + ": " + r.output().trim());
        }
        try {
            Files.deleteIfExists(registryDir().resolve(name + ".netns"));
        } catch (IOException ignored) {
            // The next reap finds the namespace gone and removes the entry.
        }
    }

    /** Deletes the namespaces of JVMs that are gone; returns their names. */
    public static List<String> reapOrphans() {
        List<String> reaped = new ArrayList<>();
        if (!Files.isDirectory(registryDir())) {
            return reaped;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(registryDir(), "*.netns")) {
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
                String name = entry.getFileName().toString().replaceFirst("\\.netns$", "");
                delete(name);
                reaped.add(name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + registryDir(), e);
        }
        return reaped;
    }

    /** SIGKILL every process whose network namespace is the named one ({@code ip netns pids}). */
    static List<Long> killProcessesIn(String name) {
        List<Long> killed = new ArrayList<>();
        if (!Files.exists(NetworkNamespace.path(name))) {
            return killed;
        }
        for (int round = 0; round < 20; round++) {
            Shell.Result r = Shell.run(List.of("ip", "netns", "pids", name));
            List<Long> pids = r.output().lines().map(String::trim).filter(s -> s.matches("\\d+")).map(Long::parseLong).toList();
            if (pids.isEmpty()) {
                return killed;
            }
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                killed.add(pid);
            }
            sleep(100);
        }
        return killed;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
