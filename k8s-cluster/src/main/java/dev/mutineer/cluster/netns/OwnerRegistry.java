package dev.mutineer.cluster.netns;

import dev.mutineer.cluster.local.Binaries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Entries of what this JVM set up on the host, beside the cluster registry in
 * {@code ~/.cache/mutineer/run}: one properties file each ({@code <name>.<kind>}), naming its owner
 * JVM, so that the next start finds what a dead JVM left. (ProcessReaper keeps the clusters' entries
 * the same way.)
 */
public final class OwnerRegistry {

    /** An entry whose owner JVM is gone: its name, its properties, its file (delete it once cleaned up). */
    public record Orphan(String name, Properties properties, Path file) {
    }

    private OwnerRegistry() {
    }

    public static Path dir() {
        return Binaries.cacheRoot().resolve("run");
    }

    public static Path file(String name, String kind) {
        return dir().resolve(name + "." + kind);
    }

    /** Writes the entry, with owner = this JVM. */
    public static void register(String name, String kind, Map<String, String> properties) {
        StringBuilder sb = new StringBuilder("owner=" + ProcessHandle.current().pid() + "\n");
        properties.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        try {
            Files.createDirectories(dir());
            Files.writeString(file(name, kind), sb);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot register " + kind + " " + name + " in " + dir(), e);
        }
    }

    public static void unregister(String name, String kind) {
        try {
            Files.deleteIfExists(file(name, kind));
        } catch (IOException ignored) {
            // The next reap finds its owner gone and nothing left to clean.
        }
    }

    /** The entries of one kind whose owner JVM is no longer alive. */
    public static List<Orphan> orphans(String kind) {
        List<Orphan> out = new ArrayList<>();
        if (!Files.isDirectory(dir())) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir(), "*." + kind)) {
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
                String file = entry.getFileName().toString();
                out.add(new Orphan(file.substring(0, file.length() - kind.length() - 1), p, entry));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir(), e);
        }
        return out;
    }
}
