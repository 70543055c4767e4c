package dev.mutineer.cluster.node;

import dev.mutineer.cluster.local.Binaries;
import dev.mutineer.cluster.netns.Shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The images of real nodes, without a registry: tiny static Go programs (resources under
 * {@code images/<program>/main.go}) built here with the local Go toolchain, packed as docker-archive
 * tarballs and imported into each node's containerd. Tarballs are cached by content under
 * {@code ~/.cache/mutineer/images}. Nothing is ever pulled.
 */
public final class NodeImages {

    /** A built image: its reference and its tarball. */
    public record Image(String ref, Path tarball) {
    }

    /** containerd's sandbox image: holds the pod's namespaces, reaps children. */
    public static final String PAUSE = "mutineer.local/pause:1";
    /** Answers every HTTP request with its pod, namespace and version (env POD_NAME, POD_NAMESPACE, VERSION, PORT). */
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

    static synchronized Image image(String program, String ref) {
        byte[] source = resource(program);
        String goVersion = Shell.check(List.of("go", "env", "GOVERSION")).trim();
        String key = ImageTarball.sha256((ref + "\n" + goVersion + "\n" + new String(source, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        Path cached = Binaries.cacheRoot().resolve("images").resolve(program + "-" + key + ".tar");
        if (Files.isRegularFile(cached)) {
            return new Image(ref, cached);
        }
        Path work = null;
        try {
            Files.createDirectories(cached.getParent());
            work = Files.createTempDirectory(cached.getParent(), "build-" + program + "-");
            Files.write(work.resolve("main.go"), source);
            Files.writeString(work.resolve("go.mod"), "module mutineer.local/" + program + "\n\ngo 1.22\n");
            Path binary = work.resolve(program);
            ProcessBuilder pb = new ProcessBuilder(buildCommand(binary)).directory(work.toFile()).redirectErrorStream(true);
            pb.environment().putAll(java.util.Map.of("CGO_ENABLED", "0", "GOTOOLCHAIN", "local", "GOFLAGS", "-mod=mod",
                    "GOWORK", "off"));
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("go build of image " + ref + " failed:\n" + out);
            }
            byte[] tar = ImageTarball.of(ref, program, Files.readAllBytes(binary), goArch());
            Path tmp = work.resolve("image.tar");
            Files.write(tmp, tar);
            Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new Image(ref, cached);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build image " + ref, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building image " + ref, e);
        } finally {
            if (work != null) {
                Shell.run(List.of("rm", "-rf", work.toString()));
            }
        }
    }

    static List<String> buildCommand(Path output) {
        return List.of("go", "build", "-trimpath", "-ldflags=-s -w", "-o", output.toString(), ".");
    }

    static String goArch() {
        String a = System.getProperty("os.arch");
        return switch (a) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> a;
        };
    }

    private static byte[] resource(String program) {
        try (InputStream in = NodeImages.class.getResourceAsStream("images/" + program + "/main.go")) {
            if (in == null) {
                throw new IllegalStateException("image source images/" + program + "/main.go missing from the k8s-cluster jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
