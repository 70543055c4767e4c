package dev.mutineer.campaign.job.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared libraries (and the dynamic loader) that host executables load, as {@code ldd} names them: the image
 * carries the host's own glibc, so the Java runtime and the few host tools run there as here.
 */
final class SharedLibraries {

    /** "libz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x...)" or "/lib64/ld-linux-x86-64.so.2 (0x...)". */
    private static final Pattern LINE = Pattern.compile("^\\s*(?:\\S+\\s+=>\\s+)?(/\\S+)\\s+\\(0x[0-9a-f]+\\)\\s*$");
    private static final Pattern NOT_FOUND = Pattern.compile("^\\s*(\\S+)\\s+=>\\s+not found\\s*$");

    private SharedLibraries() {
    }

    /**
     * The absolute paths in one {@code ldd} output. A library ldd did not find is an error naming it, unless it is
     * one of {@code provided} (the Java runtime's own libjvm.so, which its launcher loads before libawt.so and the like).
     */
    static List<String> parse(String lddOutput, String of, Set<String> provided) {
        List<String> paths = new ArrayList<>();
        for (String line : lddOutput.split("\n")) {
            Matcher nf = NOT_FOUND.matcher(line);
            if (nf.matches() && !provided.contains(nf.group(1))) {
                throw new IllegalStateException(of + " needs " + nf.group(1) + ", which ldd does not find on this host");
            }
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                Path lib = Path.of(m.group(1)).normalize();
                // Found through $ORIGIN: a library of the set itself (the runtime's libjli.so), which the image holds.
                if (!provided.contains(lib.getFileName().toString())) {
                    paths.add(lib.toString());
                }
            }
        }
        return paths;
    }

    /** Every library the files load (static executables and non-ELF files add none) that is not one of them. */
    static Set<String> of(Collection<Path> files) {
        Set<String> provided = new TreeSet<>();
        files.forEach(f -> provided.add(f.getFileName().toString()));
        Set<String> libs = new TreeSet<>();
        for (Path f : files) {
            libs.addAll(parse(ldd(f), f.toString(), provided));
        }
        return libs;
    }

    private static String ldd(Path file) {
        try {
            Process p = new ProcessBuilder("ldd", file.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out; // exit 1 for "not a dynamic executable": nothing to add
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ldd on " + file + " (the image builder needs it): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
