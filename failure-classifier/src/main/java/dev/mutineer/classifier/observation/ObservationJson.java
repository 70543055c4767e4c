package dev.mutineer.classifier.observation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** JSON for observations and verdicts, the form the journal stores and the test fixtures use. */
public final class ObservationJson {

    private ObservationJson() {
    }

    /** A mapper with ISO-8601 instants; unknown properties are ignored so older journals stay readable. */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static Observation read(Path file) {
        try {
            return mapper().readValue(file.toFile(), Observation.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read observation " + file + ": " + e.getMessage(), e);
        }
    }

    public static void write(Observation observation, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), observation);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write observation " + file + ": " + e.getMessage(), e);
        }
    }
}
