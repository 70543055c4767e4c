package dev.mutineer.cluster.netns;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The network namespaces mutineer created, one file each beside the cluster registry
 * ({@code ~/.cache/mutineer/run/<name>.netns}, naming the owner JVM). A namespace whose owner is gone
 * is deleted by the next {@link NetworkNamespace#create}, after killing what still runs in it: every
 * process in a mutineer namespace is mutineer's.
 */
public final class NamespaceRegistry {

    private NamespaceRegistry() {
    }

    static final String KIND = "netns";

    static Path registryDir() {
        return OwnerRegistry.dir();
    }

    static void register(String name) {
        OwnerRegistry.register(name, KIND, java.util.Map.of());
    }

    /** Kills what runs in the namespace, deletes it and its registry entry. */
    static void delete(String name) {
        killProcessesIn(name);
        Shell.Result r = Shell.run(List.of("ip", "netns", "delete", name));
        if (!r.ok() && Files.exists(NetworkNamespace.path(name))) {
            throw new IllegalStateException("cannot delete network namespace " + name + ": " + r.output().trim());
        }
        OwnerRegistry.unregister(name, KIND);
    }

    /** Deletes the namespaces of JVMs that are gone; returns their names. */
    public static List<String> reapOrphans() {
        List<String> reaped = new ArrayList<>();
        for (OwnerRegistry.Orphan o : OwnerRegistry.orphans(KIND)) {
            delete(o.name());
            reaped.add(o.name());
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
