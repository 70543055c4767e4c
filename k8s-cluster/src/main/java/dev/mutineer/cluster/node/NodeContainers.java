package dev.mutineer.cluster.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mutineer.cluster.netns.Shell;

import java.io.IOException;
import java.nio.file.Files;
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
 *
 * <p>One {@code ctr tasks ls} per listing says which tasks live; which pod a new one belongs to comes from the OCI
 * annotations the CRI plugin writes into its task bundle ({@code io.kubernetes.cri.*} in
 * {@code <state>/io.containerd.runtime.v2.task/k8s.io/<id>/config.json}, containerd 1.6 and 2.x), read as a file:
 * a {@code ctr containers info} per container took about 0.3 s each on a loaded machine, and a reset after which a
 * few pods restarted waited seconds for them. A bundle without those annotations is asked about with ctr.
 */
public final class NodeContainers {

    /** The containerd namespace the CRI plugin keeps kubelet's containers in. */
    static final String CRI_NAMESPACE = "k8s.io";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String node;
    private final Path containerdSocket;
    /** Where containerd keeps its task bundles, one directory per container ID. */
    private final Path bundles;
    /**
     * What {@code ctr containers info} said of each live container: a container's labels never change, and the reset
     * asks several times a second, one ctr process per container otherwise. Only live IDs are kept.
     */
    private final Map<String, Optional<NodeContainer>> known = new HashMap<>();

    /** The lister of one node's containers; {@code containerdState}: containerd's {@code state} directory. */
    public NodeContainers(String node, Path containerdSocket, Path containerdState) {
        this.node = node;
        this.containerdSocket = containerdSocket;
        this.bundles = containerdState.resolve("io.containerd.runtime.v2.task").resolve(CRI_NAMESPACE);
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
                c = fromBundle(id);
                if (c.isEmpty()) {
                    Shell.Result info = Shell.run(ctr(containerdSocket, "containers", "info", id));
                    if (!info.ok()) {
                        continue; // it went away between the two calls: not running
                    }
                    c = fromInfo(node, info.output());
                }
                known.put(id, c);
            }
            c.ifPresent(out::add);
        }
        return out;
    }

    /** The container as its bundle's annotations describe it; empty when they do not (no bundle, or not the CRI's). */
    private Optional<NodeContainer> fromBundle(String id) {
        try {
            return fromBundleConfig(node, id, Files.readString(bundles.resolve(id).resolve("config.json")));
        } catch (IOException e) {
            return Optional.empty();
        }
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
     * The container whose OCI bundle config ({@code config.json}) is {@code configJson}, from the annotations the CRI
     * plugin writes: {@code io.kubernetes.cri.container-type} (sandbox or container), {@code sandbox-uid},
     * {@code sandbox-namespace}, {@code sandbox-name} and {@code container-name}. Empty when they are missing or the
     * file is not whole JSON, for the caller to ask ctr instead (which also tells a container kubelet did not make).
     */
    static Optional<NodeContainer> fromBundleConfig(String node, String id, String configJson) {
        JsonNode annotations;
        try {
            annotations = JSON.readTree(configJson).path("annotations");
        } catch (IOException e) {
            return Optional.empty();
        }
        String type = annotations.path("io.kubernetes.cri.container-type").asText("");
        String uid = annotations.path("io.kubernetes.cri.sandbox-uid").asText("");
        String container = type.equals("sandbox") ? "" : annotations.path("io.kubernetes.cri.container-name").asText("");
        if (uid.isEmpty() || !(type.equals("sandbox") || type.equals("container")) || type.equals("container") && container.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new NodeContainer(node, id, uid, annotations.path("io.kubernetes.cri.sandbox-namespace").asText(""),
                annotations.path("io.kubernetes.cri.sandbox-name").asText(""), container));
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
