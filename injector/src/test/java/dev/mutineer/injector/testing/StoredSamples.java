package dev.mutineer.injector.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Real stored values from a live cluster (src/test/resources/stored), by kind. */
public final class StoredSamples {

    private StoredSamples() {
    }

    /** Kind -> stored bytes, sorted by kind. */
    public static Map<String, byte[]> all() {
        URL dir = StoredSamples.class.getResource("/stored");
        if (dir == null) {
            throw new IllegalStateException("test resources /stored are missing");
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pb") || p.toString().endsWith(".json")).sorted().toList()) {
                String name = f.getFileName().toString();
                out.put(name.substring(0, name.lastIndexOf('.')), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    public static byte[] get(String kind) {
        byte[] b = all().get(kind);
        if (b == null) {
            throw new IllegalArgumentException("no stored sample of " + kind);
        }
        return b;
    }
}
