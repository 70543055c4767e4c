package dev.mutineer.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The mutineer repository: scripts/, versions.properties and examples/ live there. */
final class RepoHome {

    private RepoHome() {
    }

    /**
     * The launcher sets {@code -Dmutineer.home}; without it (an IDE, a test) the directory is
     * searched upwards from the code's location and then from the working directory.
     */
    static Path find() {
        String home = System.getProperty("mutineer.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        Path fromCode = null;
        try {
            fromCode = Path.of(RepoHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // not from a file: fall back to the working directory
        }
        for (Path start : new Path[]{fromCode, Path.of("").toAbsolutePath()}) {
            for (Path p = start; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("versions.properties")) && Files.isDirectory(p.resolve("scripts"))) {
                    return p;
                }
            }
        }
        throw new IllegalStateException("cannot find the mutineer repository; set -Dmutineer.home=<repo> (the launcher does)");
    }
}
