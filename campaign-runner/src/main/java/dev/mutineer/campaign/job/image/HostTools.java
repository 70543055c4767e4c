package dev.mutineer.campaign.job.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Finds the host tools the image copies, and the host's top-level links (bin -> usr/bin on merged /usr). */
final class HostTools {

    private static final List<String> SEARCH = List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin");

    private HostTools() {
    }

    static Path which(String tool) {
        for (String dir : SEARCH) {
            Path p = Path.of(dir, tool);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException("the image needs the host tool " + tool + ", which is in none of " + SEARCH);
    }

    /** The top-level directories that are links on this host, with their relative targets. */
    static Map<String, String> rootLinks() {
        Map<String, String> links = new TreeMap<>();
        for (String name : List.of("bin", "lib", "lib32", "lib64", "libx32", "sbin")) {
            Path p = Path.of("/", name);
            if (Files.isSymbolicLink(p)) {
                try {
                    links.put(name, Files.readSymbolicLink(p).toString().replaceFirst("^/+", ""));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return links;
    }
}
