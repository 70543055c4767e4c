package dev.mutineer.cluster.node;

import dev.mutineer.cluster.netns.OwnerRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real nodes running on this host, one file each beside the cluster registry
 * ({@code ~/.cache/mutineer/run/<cgroup name>.node}: owner JVM, root dir, cgroup root). The next start
 * removes what a node of a dead JVM left (see {@link NodeLeftovers}); it runs before the cluster reaper,
 * which recognises processes by the work directory on their command line: containers and containerd's
 * shims do not name it (their node's root is under {@link NodeLayout#ROOTS}), and their mounts and
 * cgroups are this reaper's alone.
 */
public final class NodeRegistry {

    private NodeRegistry() {
    }

    static final String KIND = "node";

    static String entryName(NodeLayout l) {
        return l.cgroupRoot().replaceFirst("^/+", "");
    }

    static void register(NodeLayout l) {
        OwnerRegistry.register(entryName(l), KIND, Map.of("root", l.root().toString(), "cgroupRoot", l.cgroupRoot()));
    }

    static void unregister(NodeLayout l) {
        OwnerRegistry.unregister(entryName(l), KIND);
    }

    /** Removes what the nodes of dead JVMs left; returns their root dirs. */
    public static List<Path> reapOrphans() {
        List<Path> reaped = new ArrayList<>();
        for (OwnerRegistry.Orphan o : OwnerRegistry.orphans(KIND)) {
            Path root = Path.of(o.properties().getProperty("root"));
            NodeLeftovers.remove(root, o.properties().getProperty("cgroupRoot"));
            try {
                Files.deleteIfExists(o.file());
            } catch (IOException ignored) {
                // Nothing is left to clean: the next reap deletes the entry.
            }
            reaped.add(root);
        }
        return reaped;
    }
}
