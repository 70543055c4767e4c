package dev.mutineer.cluster.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mutineer.cluster.netns.Shell;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lists the containers that run on a real node, asking its containerd ({@code ctr} on the node's socket, CRI
 * namespace {@code k8s.io}): the pod API says what kubelet reported last, this says what runs. A pod that is gone
 * from the API can keep a container running, and a pod put back into the API can have none yet.
 */
public final class NodeContainers {

    /** The containerd namespace the CRI plugin keeps kubelet's containers in. */
    static final String CRI_NAMESPACE = "k8s.io";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String node;
    private final Path containerdSocket;
    /**
     * What {@code ctr containers info} said of each live container: a container's labels never change, and the reset
     * asks several times a second, one ctr process per container otherwise. Only live IDs are kept.
     */
    private final Map<String, Optional<NodeContainer>> known = new HashMap<>();

    /** The lister of one node's containers. */
    public NodeContainers(String node, Path containerdSocket) {
        this.node = node;
        this.containerdSocket = containerdSocket;
    }

    /** The containers whose task runs (or is paused) on the node; fails when containerd does not answer. */
    public synchronized List<NodeContainer> running() {
        Shell.Result tasks = Shell.run(ctr(containerdSocket, "tasks", "ls"));
        if (!tasks.ok()) {
            throw new IllegalStateException("cannot list the containers of " + node + ": " + tasks.output().trim());
        }
        List<String> live = liveTasks(tasks.output());
        known.keySet().retainAll(live);
        List<NodeContainer> out = new ArrayList<>();
        for (String id : live) {
            Optional<NodeContainer> c = known.get(id);
            if (c == null) {
                Shell.Result info = Shell.run(ctr(containerdSocket, "containers", "info", id));
                if (!info.ok()) {
                    continue; // it went away between the two calls: not running
                }
                c = fromInfo(node, info.output());
                known.put(id, c);
            }
            c.ifPresent(out::add);
        }
        return out;
    }

    private static List<String> ctr(Path socket, String... args) {
        List<String> argv = new ArrayList<>(List.of("ctr", "--address", socket.toString(), "--namespace", CRI_NAMESPACE));
        argv.addAll(List.of(args));
        return argv;
    }

    /**
     * The container IDs of the tasks in {@code ctr tasks ls} output ({@code TASK PID STATUS}, a header first) that
     * still hold processes: RUNNING, PAUSED or PAUSING; STOPPED and CREATED ones do not.
     */
    static List<String> liveTasks(String tasksLs) {
        List<String> out = new ArrayList<>();
        for (String line : tasksLs.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && !f[0].equals("TASK") && List.of("RUNNING", "PAUSED", "PAUSING").contains(f[2])) {
                out.add(f[0]);
            }
        }
        return out;
    }

    /**
     * The container described by {@code ctr containers info} (JSON: ID, Labels, ...) on {@code node}; empty for a
     * container that kubelet did not make (no pod UID label).
     */
    static Optional<NodeContainer> fromInfo(String node, String infoJson) {
        JsonNode info;
        try {
            info = JSON.readTree(infoJson);
        } catch (IOException e) {
            throw new IllegalStateException("ctr containers info on " + node + " printed no JSON: " + infoJson.trim(), e);
        }
        JsonNode labels = info.path("Labels");
        String uid = labels.path("io.kubernetes.pod.uid").asText("");
        if (uid.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new NodeContainer(node, info.path("ID").asText(), uid,
                labels.path("io.kubernetes.pod.namespace").asText(""), labels.path("io.kubernetes.pod.name").asText(""),
                labels.path("io.kubernetes.container.name").asText("")));
    }
}
