package dev.mutineer.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalTest {

    @Test
    void recordsSurviveAReopen(@TempDir Path dir) {
        List<JournalRecord> results = SampleResults.generate(5);
        try (Journal j = Journal.open(dir)) {
            results.forEach(j::append);
        }
        try (Journal j = Journal.open(dir)) {
            assertThat(j.warnings()).isEmpty();
            assertThat(j.completedIds()).containsExactlyElementsOf(results.stream().map(JournalRecord::id).toList());
        }
        JournalContents read = Journal.read(dir);
        assertThat(read.records()).isEqualTo(results);
        assertThat(read.warnings()).isEmpty();
    }

    @Test
    void tornLastLineIsSkippedWithAWarningAndCutOffBeforeTheNextAppend(@TempDir Path dir) throws Exception {
        List<JournalRecord> results = SampleResults.generate(3);
        try (Journal j = Journal.open(dir)) {
            j.append(results.get(0));
            j.append(results.get(1));
        }
        // What a SIGKILL in the middle of the third write leaves behind.
        String third = JournalFile.JSON.writeValueAsString(results.get(2));
        String torn = third.substring(0, third.length() / 2);
        Files.writeString(dir.resolve("journal.jsonl"), torn, StandardOpenOption.APPEND);

        JournalContents read = Journal.read(dir);
        assertThat(read.records()).containsExactly(results.get(0), results.get(1));
        assertThat(read.warnings()).singleElement().asString().contains("journal.jsonl:3: incomplete").contains("skipped");

        try (Journal j = Journal.open(dir)) {
            assertThat(j.warnings()).singleElement().asString().contains("journal.jsonl:3: incomplete");
            assertThat(j.completedIds()).containsExactly(results.get(0).id(), results.get(1).id());
            j.append(results.get(2));
        }
        assertThat(Files.readString(dir.resolve(Journal.TORN_NAME))).contains(torn);
        JournalContents after = Journal.read(dir);
        assertThat(after.records()).isEqualTo(results);
        assertThat(after.warnings()).isEmpty();
    }

    @Test
    void unparsableCompleteLineIsSkippedAndNamed(@TempDir Path dir) throws Exception {
        List<JournalRecord> results = SampleResults.generate(2);
        try (Journal j = Journal.open(dir)) {
            j.append(results.get(0));
        }
        Files.writeString(dir.resolve("journal.jsonl"), "{\"id\": \"broken\", \"outcome\": \"NO_SUCH_CLASS\"}\n", StandardOpenOption.APPEND);
        try (Journal j = Journal.open(dir)) {
            j.append(results.get(1));
        }
        JournalContents read = Journal.read(dir);
        assertThat(read.records()).containsExactlyElementsOf(results);
        assertThat(read.warnings()).singleElement().asString().contains("journal.jsonl:2: not a valid result");
    }

    @Test
    void aMinimalResultRoundTripsToo(@TempDir Path dir) {
        JournalRecord minimal = JournalRecord.builder("min1").outcome(dev.mutineer.classifier.Outcome.NOT_ACTIVATED)
                .activated(false).build();
        try (Journal j = Journal.open(dir)) {
            j.append(minimal);
        }
        assertThat(Journal.read(dir).records()).containsExactly(minimal);
    }

    @Test
    void anInjectionIsRecordedOnce(@TempDir Path dir) {
        JournalRecord r = SampleResults.generate(1).get(0);
        try (Journal j = Journal.open(dir)) {
            j.append(r);
            assertThatThrownBy(() -> j.append(r)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(r.id());
        }
        assertThat(Journal.read(dir).records()).hasSize(1);
    }

    @Test
    void twoWritersCannotShareAJournal(@TempDir Path dir) {
        try (Journal j = Journal.open(dir)) {
            assertThatThrownBy(() -> Journal.open(dir)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another mutineer run");
        }
    }

    /**
     * A real SIGKILL: a child JVM appends records and prints each ID once append returned; we kill it mid-stream.
     * Every ID it printed must be in the journal, and the journal must open cleanly afterwards.
     */
    @Test
    void sigkillLosesNothingAlreadyAppended(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                JournalWriterMain.class.getName(), dir.toString(), "100000")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < 40 && (line = out.readLine()) != null) {
                acknowledged.add(line);
            }
            // SIGKILL from outside: Process.destroyForcibly would also close our end of its stdout, and the
            // acknowledgements already in the pipe are part of what must not be lost.
            Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(child.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(137);
            // Only lines with their newline were acknowledged; a kill can cut the last one short.
            StringBuilder rest = new StringBuilder();
            int c;
            while ((c = out.read()) >= 0) {
                rest.append((char) c);
            }
            String[] lines = rest.toString().split("\n", -1);
            for (int i = 0; i < lines.length - 1; i++) {
                acknowledged.add(lines[i]);
            }
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(40);
        try (Journal j = Journal.open(dir)) {
            assertThat(j.completedIds()).containsAll(acknowledged);
        }
    }
}
