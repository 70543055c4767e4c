package dev.mutineer.campaign.job.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A Java runtime of only the modules mutineer needs, jlink'ed from the JDK this JVM runs on, cached by JDK and module
 * list under the image cache.
 */
final class JavaRuntime {

    /**
     * By hand, from what mutineer and its libraries use: jdeps over the whole class path stops at progressbar's
     * module-info (it requires jline as a module). java.net.http (fabric8's JDK client), java.desktop (java.beans:
     * SnakeYAML, Jackson), java.sql (Jackson's date types), java.naming and jdk.naming.dns (Netty, jetcd), java.management
     * and jdk.management (the /proc and MXBean figures), jdk.unsupported (Netty, protobuf), jdk.crypto.ec (the
     * clusters' TLS), jdk.charsets and jdk.zipfs; the rest are small and keep optional code paths from failing.
     */
    static final List<String> MODULES = List.of("java.base", "java.compiler", "java.desktop", "java.instrument",
            "java.logging", "java.management", "java.naming", "java.net.http", "java.prefs", "java.scripting",
            "java.security.jgss", "java.sql", "java.xml", "jdk.crypto.ec", "jdk.charsets", "jdk.jfr", "jdk.management",
            "jdk.naming.dns", "jdk.unsupported", "jdk.zipfs");

    private JavaRuntime() {
    }

    static Path jlinked(Path cacheDir, Consumer<String> progress) {
        Path javaHome = Path.of(System.getProperty("java.home"));
        String id = Integer.toHexString((javaHome + "|" + System.getProperty("java.vm.version") + "|" + MODULES).hashCode());
        Path dir = cacheDir.resolve("jre-" + System.getProperty("java.specification.version") + "-" + id);
        if (Files.isRegularFile(dir.resolve("bin/java"))) {
            return dir;
        }
        Path jlink = javaHome.resolve("bin/jlink");
        if (!Files.isExecutable(jlink) || !Files.isDirectory(javaHome.resolve("jmods"))) {
            throw new IllegalStateException("building the image needs a JDK with jlink and jmods; " + javaHome + " lacks them");
        }
        progress.accept("jlink: a runtime of " + MODULES.size() + " modules into " + dir);
        Path tmp = cacheDir.resolve(dir.getFileName() + ".partial");
        try {
            Files.createDirectories(cacheDir);
            deleteTree(tmp);
            Process p = new ProcessBuilder(jlink.toString(), "--add-modules", String.join(",", MODULES), "--strip-debug",
                    "--no-header-files", "--no-man-pages", "--compress=2", "--output", tmp.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("jlink failed: " + out.trim());
            }
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot jlink a runtime into " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during jlink", e);
        }
    }

    /** The runtime's executables and shared objects: what the dynamic loader opens. */
    static List<Path> nativeFiles(Path jre) {
        try (Stream<Path> s = Files.walk(jre)) {
            return new ArrayList<>(s.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".so") || f.getParent().getFileName().toString().equals("bin"))
                    .sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
