package dev.mutineer.campaign.job.image;

import dev.mutineer.campaign.job.image.ImageEntry.Directory;
import dev.mutineer.campaign.job.image.ImageEntry.HostFile;
import dev.mutineer.campaign.job.image.ImageEntry.Link;
import dev.mutineer.campaign.job.image.ImageEntry.Text;
import dev.mutineer.cluster.local.Binaries;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Builds the mutineer image without Docker: one layer ({@link ImageContents}) in a docker-archive tarball, which
 * {@code ctr images import} (and {@code docker load}, and kind's node image loader) read. Cached by content under
 * {@code ~/.cache/mutineer/images}: the reference's tag is the first 12 hex digits of a SHA-256 over every entry's
 * path, mode and bytes, so the same jars, runtime and binaries give the same image, and any change another.
 */
public final class MutineerImage {

    /** The image's repository; the tag is its content hash. */
    public static final String REPOSITORY = "mutineer.local/mutineer";
    /** Bumped when the layout changes in a way the entries alone do not show. */
    private static final String RECIPE = "1";

    /** A built image: its reference, tarball and size. */
    public record Image(String ref, Path tarball, long bytes, boolean cached) {
    }

    private MutineerImage() {
    }

    /** The image of this JVM's mutineer: its class path, a runtime jlink'ed from its JDK, the resolved cluster binaries. */
    public static Image build(Consumer<String> progress) {
        List<Path> jars = new ArrayList<>();
        for (String p : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(p);
            if (p.endsWith(".jar") && Files.isRegularFile(path)) {
                jars.add(path);
            } else if (!p.isBlank()) {
                throw new IllegalStateException("class path entry " + p + " is no jar: build the image from a packaged "
                        + "mutineer (scripts/build-image.sh runs 'mvn package' first)");
            }
        }
        Path jre = JavaRuntime.jlinked(Binaries.cacheRoot().resolve("images"), progress);
        Path binDir = Binaries.resolve().dir();
        List<Path> tools = new ArrayList<>();
        for (String t : ImageContents.HOST_TOOLS) {
            tools.add(HostTools.which(t));
        }
        List<Path> loading = new ArrayList<>(tools);
        loading.addAll(JavaRuntime.nativeFiles(jre));
        SortedMap<String, ImageEntry> entries = ImageContents.of(jre, jars, binDir, tools, HostTools.rootLinks(),
                SharedLibraries.of(loading));
        return write(entries, Binaries.cacheRoot().resolve("images"), progress);
    }

    static Image write(SortedMap<String, ImageEntry> entries, Path cacheDir, Consumer<String> progress) {
        String key = key(entries);
        String ref = REPOSITORY + ":" + key.substring(0, 12);
        Path tarball = cacheDir.resolve("mutineer-" + key.substring(0, 16) + ".tar");
        try {
            if (Files.isRegularFile(tarball)) {
                return new Image(ref, tarball, Files.size(tarball), true);
            }
            Files.createDirectories(cacheDir);
            progress.accept("writing " + entries.size() + " files into " + tarball);
            Path layer = Files.createTempFile(cacheDir, "layer-", ".tar");
            Path partial = Files.createTempFile(cacheDir, "mutineer-", ".tar.partial");
            try {
                String diffId = writeLayer(entries, layer);
                String config = config(diffId);
                String configId = sha256(config.getBytes(StandardCharsets.UTF_8));
                String manifest = "[{\"Config\":\"" + configId + ".json\",\"RepoTags\":[\"" + ref + "\"],\"Layers\":[\""
                        + diffId + "/layer.tar\"]}]";
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
                     TarWriter tar = new TarWriter(out)) {
                    tar.file("manifest.json", manifest.getBytes(StandardCharsets.UTF_8), 0644);
                    tar.file(configId + ".json", config.getBytes(StandardCharsets.UTF_8), 0644);
                    tar.directory(diffId);
                    tar.file(diffId + "/layer.tar", layer, 0644);
                }
                // createTempFile makes it 0600; the cache's other images are readable by all, as importers expect.
                Files.setPosixFilePermissions(partial, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(partial, tarball, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(layer);
                Files.deleteIfExists(partial);
            }
            return new Image(ref, tarball, Files.size(tarball), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the image " + tarball + ": " + e.getMessage(), e);
        }
    }

    /** The image's config: entrypoint the launcher, the environment a pod's mutineer needs. */
    static String config(String diffId) {
        StringBuilder env = new StringBuilder();
        for (String v : ImageContents.ENV) {
            env.append(env.length() == 0 ? "" : ",").append('"').append(v).append('"');
        }
        return "{\"architecture\":\"" + architecture() + "\",\"os\":\"linux\",\"config\":{\"Entrypoint\":[\""
                + ImageContents.LAUNCHER + "\"],\"Env\":[" + env + "],\"WorkingDir\":\"/root\"},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + diffId + "\"]},"
                + "\"history\":[{\"created_by\":\"mutineer image build\"}]}";
    }

    private static String writeLayer(SortedMap<String, ImageEntry> entries, Path layer) throws IOException {
        MessageDigest sha = sha();
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(layer), 1 << 16), sha);
             TarWriter tar = new TarWriter(out)) {
            for (Map.Entry<String, ImageEntry> e : entries.entrySet()) {
                String path = e.getKey();
                ImageEntry entry = e.getValue();
                if (entry instanceof Directory d) {
                    tar.directory(path);
                } else if (entry instanceof HostFile f) {
                    tar.file(path, f.source(), f.mode());
                } else if (entry instanceof Text t) {
                    tar.file(path, t.content().getBytes(StandardCharsets.UTF_8), t.mode());
                } else if (entry instanceof Link l) {
                    tar.symlink(path, l.target());
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** SHA-256 over the recipe and every entry: path, kind, mode and content (a host file's bytes, read here). */
    static String key(SortedMap<String, ImageEntry> entries) {
        MessageDigest sha = sha();
        sha.update(("recipe " + RECIPE + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] buffer = new byte[1 << 16];
        for (Map.Entry<String, ImageEntry> e : entries.entrySet()) {
            ImageEntry entry = e.getValue();
            String head = e.getKey() + "\0" + entry.getClass().getSimpleName() + "\0";
            if (entry instanceof Directory d) {
                head += Integer.toOctalString(d.mode());
            } else if (entry instanceof HostFile f) {
                head += Integer.toOctalString(f.mode());
            } else if (entry instanceof Text t) {
                head += Integer.toOctalString(t.mode()) + "\0" + t.content();
            } else if (entry instanceof Link l) {
                head += l.target();
            }
            sha.update((head + "\n").getBytes(StandardCharsets.UTF_8));
            if (entry instanceof HostFile f) {
                try (InputStream in = Files.newInputStream(f.source())) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        sha.update(buffer, 0, n);
                    }
                } catch (IOException ex) {
                    throw new UncheckedIOException("cannot read " + f.source() + " for the image", ex);
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static String architecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
    }

    private static String sha256(byte[] data) {
        MessageDigest sha = sha();
        return HexFormat.of().formatHex(sha.digest(data));
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
