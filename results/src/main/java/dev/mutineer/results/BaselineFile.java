package dev.mutineer.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.observation.ObservationJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The golden baseline of a results directory, one per cluster configuration ({@code baseline-<variant>.json}):
 * `mutineer reproduce` classifies a replay against the baseline the campaign used, and --resume need not repeat
 * the golden runs.
 */
public final class BaselineFile {

    private BaselineFile() {
    }

    public static Path path(Path dir, String variant) {
        String v = variant == null || variant.isBlank() ? JournalRecord.DEFAULT_VARIANT : variant;
        return dir.resolve("baseline-" + v.replaceAll("[^A-Za-z0-9._=-]", "_") + ".json");
    }

    /**
     * Writes atomically (temporary file, then rename), so a crash leaves the old baseline or the new one; 0600,
     * replacing a symbolic link rather than writing through it ({@link PrivateFiles}).
     */
    public static Path write(Path dir, String variant, Baseline baseline) {
        Path target = path(dir, variant);
        try {
            PrivateFiles.createDirectories(dir);
            byte[] json = ObservationJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(baseline);
            return PrivateFiles.replace(target, out -> out.write(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write baseline " + target + ": " + IoProblems.describe(e), e);
        }
    }

    /**
     * The recorded baseline of a variant, empty when there is none; IllegalArgumentException naming the file and
     * what is wrong in words when it is damaged.
     */
    public static Optional<Baseline> read(Path dir, String variant) {
        Path file = path(dir, variant);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Baseline baseline;
        try {
            baseline = ObservationJson.mapper().readValue(file.toFile(), Baseline.class);
        } catch (JsonMappingException e) {
            throw damaged(file, JsonProblems.binding(e), e);
        } catch (JsonProcessingException e) {
            throw damaged(file, "not JSON (" + JsonProblems.syntax(e) + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read baseline " + file + ": " + IoProblems.describe(e), e);
        }
        if (baseline == null) {
            throw damaged(file, "holds null", null);
        }
        return Optional.of(baseline);
    }

    private static IllegalArgumentException damaged(Path file, String problem, Exception cause) {
        return new IllegalArgumentException("the recorded baseline " + file + " is damaged: " + problem
                + " (remove it, or pass reproduce --new-baseline, to learn a new one)", cause);
    }
}
