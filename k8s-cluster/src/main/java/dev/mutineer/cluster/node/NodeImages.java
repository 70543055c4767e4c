package dev.mutineer.cluster.node;

import dev.mutineer.cluster.netns.Shell;

import java.nio.file.Path;

/**
 * The images of real nodes, without a registry: tiny static Go programs (resources under
 * {@code images/<program>/main.go}) built here with the local Go toolchain, packed as docker-archive
 * tarballs and imported into each node's containerd. Tarballs are cached by content under
 * {@code ~/.cache/mutineer/images} ({@link GoPrograms} builds them). Nothing is ever pulled.
 */
public final class NodeImages {

    /** A built image: its reference and its tarball. */
    public record Image(String ref, Path tarball) {
    }

    /** containerd's sandbox image: holds the pod's namespaces, reaps children. */
    public static final String PAUSE = "mutineer.local/pause:1";
    /**
     * Answers every HTTP request with one line per hop naming pod, namespace, workload and version (env POD_NAME,
     * POD_NAMESPACE, WORKLOAD, VERSION, PORT; UPSTREAM makes it a frontend, REQUIRE_ENV names required settings;
     * run with arguments, it is a Job's task). See its main.go.
     */
    public static final String HTTP_ECHO = "mutineer.local/http-echo:1";

    private NodeImages() {
    }

    public static Image pause() {
        return image("pause", PAUSE);
    }

    public static Image httpEcho() {
        return image("http-echo", HTTP_ECHO);
    }

    /** Imports an image into the node's containerd (namespace k8s.io, where kubelet looks). */
    public static void importInto(NodeLayout node, Image image) {
        Shell.check(NodeConfigs.importCommand(node, image.tarball()));
    }

    static Image image(String program, String ref) {
        return new Image(ref, GoPrograms.build("images", program, ref, ".tar",
                binary -> ImageTarball.of(ref, program, binary, GoPrograms.goArch()), false));
    }
}
