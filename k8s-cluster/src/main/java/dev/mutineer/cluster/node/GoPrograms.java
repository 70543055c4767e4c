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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The small static Go programs of real nodes, built here with the local Go toolchain from their one source file
 * (resources {@code <kind>/<program>/main.go} beside this class) and cached by content under
 * {@code ~/.cache/mutineer/<kind>}: the images' programs ({@link NodeImages}, packed into image tarballs) and the
 * programs run on the host side of a cluster's namespace ({@code programs/}, e.g. the traffic generator).
 */
public final class GoPrograms {

    /** Sources whose executable runs as it is, not in an image. */
    public static final String PROGRAMS = "programs";

    private GoPrograms() {
    }

    /** The executable of {@code programs/<program>/main.go}, built once per source and Go version. */
    public static Path executable(String program) {
        return build(PROGRAMS, program, program, "", binary -> binary, true);
    }

    /**
     * Builds {@code <kind>/<program>/main.go} unless its cache file exists, and returns that file: what {@code pack}
     * makes of the executable's bytes. {@code keyExtra} joins the source and the Go version in the cache key (an
     * image's reference, which its tarball names).
     */
    static synchronized Path build(String kind, String program, String keyExtra, String suffix, UnaryOperator<byte[]> pack,
                                   boolean executable) {
        byte[] source = source(kind, program);
        String goVersion = Shell.check(List.of("go", "env", "GOVERSION")).trim();
        String key = ImageTarball.sha256((keyExtra + "\n" + goVersion + "\n" + new String(source, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        Path cached = Binaries.cacheRoot().resolve(kind).resolve(program + "-" + key + suffix);
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        Path work = null;
        try {
            Files.createDirectories(cached.getParent());
            work = Files.createTempDirectory(cached.getParent(), "build-" + program + "-");
            Files.write(work.resolve("main.go"), source);
            Files.writeString(work.resolve("go.mod"), "module mutineer.local/" + program + "\n\ngo 1.22\n");
            Path binary = work.resolve(program);
            ProcessBuilder pb = new ProcessBuilder(buildCommand(binary)).directory(work.toFile()).redirectErrorStream(true);
            pb.environment().putAll(Map.of("CGO_ENABLED", "0", "GOTOOLCHAIN", "local", "GOFLAGS", "-mod=mod", "GOWORK", "off"));
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("go build of " + kind + "/" + program + " failed:\n" + out);
            }
            Path tmp = work.resolve("packed");
            Files.write(tmp, pack.apply(Files.readAllBytes(binary)));
            if (executable) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return cached;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build " + kind + "/" + program, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building " + kind + "/" + program, e);
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

    private static byte[] source(String kind, String program) {
        String resource = kind + "/" + program + "/main.go";
        try (InputStream in = GoPrograms.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("program source " + resource + " missing from the k8s-cluster jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
