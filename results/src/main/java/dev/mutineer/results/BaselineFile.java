package dev.mutineer.results;

import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.observation.ObservationJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        String v = variant == null || variant.isBlank() ? InjectionResult.DEFAULT_VARIANT : variant;
        return dir.resolve("baseline-" + v.replaceAll("[^A-Za-z0-9._=-]", "_") + ".json");
    }

    /** Writes atomically (temporary file, then rename), so a crash leaves the old baseline or the new one. */
    public static Path write(Path dir, String variant, Baseline baseline) {
        Path target = path(dir, variant);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".baseline-", ".tmp");
            ObservationJson.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), baseline);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write baseline " + target + ": " + e.getMessage(), e);
        }
    }

    public static Optional<Baseline> read(Path dir, String variant) {
        Path file = path(dir, variant);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ObservationJson.mapper().readValue(file.toFile(), Baseline.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read baseline " + file + ": " + e.getMessage(), e);
        }
    }
}
