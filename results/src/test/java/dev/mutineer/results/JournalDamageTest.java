package dev.mutineer.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of damage a journal line can suffer, through the real readers (report's, reproduce's) and the
 * writer's open (what run --resume does): the line is skipped and named by file and line in the user's words, the
 * records around it count, and the journal stays appendable.
 */
class JournalDamageTest {

    /** Words that belong to Java or Jackson, not to a user reading a warning. */
    static final List<String> INTERNAL = List.of("java.", "com.fasterxml", "Exception", "`", "JsonToken", "Constraints",
            "(code", "Source:", "JournalRecord", "Cannot deserialize", "START_", "VALUE_");

    private static final List<JournalRecord> RESULTS = SampleResults.generate(3);
    private static final JournalRecord DAMAGED = RESULTS.get(1);

    /** A case: the bytes of line 2 (the middle record's place), what the reason must say, and whether the ID is known. */
    record Damage(String name, byte[] line, String reason, boolean namesId) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> damages() throws Exception {
        String valid = JournalFile.JSON.writeValueAsString(DAMAGED);
        return Stream.of(
                text("null", "null", "holds null, not a result record", false),
                text("not JSON", "garbage", "not a JSON record (unrecognized token 'garbage'", false),
                text("cut inside", valid.substring(0, valid.length() / 2), "not a JSON record (cut short inside the record at column ", true),
                text("a list", "[1, 2]", "holds a list, not a result record", false),
                text("a number", "42", "holds the number 42, not a result record", false),
                text("text", "\"done\"", "holds text 'done', not a result record", false),
                text("empty object", "{}", "field 'id' is missing", false),
                edited("no outcome", n -> n.remove("outcome"), "field 'outcome' is missing", true),
                edited("no activated", n -> n.remove("activated"), "field 'activated' is missing", true),
                edited("outcome unknown", n -> n.put("outcome", "NO_SUCH_CLASS"),
                        "field 'outcome' is text 'NO_SUCH_CLASS', expected one of NOT_ACTIVATED, CLUSTER_WIDE", true),
                edited("outcome null", n -> n.putNull("outcome"), "field 'outcome' is missing", true),
                edited("activated as text", n -> n.put("activated", "yes"),
                        "field 'activated' is text 'yes', expected true or false", true),
                edited("id a number", n -> n.put("id", 17), "field 'id' is the number 17", false),
                edited("id blank", n -> n.put("id", " "), "field 'id' is text ' '", false),
                edited("terminal escapes", n -> n.put("outcome", "\u001b]0;owned\u0007"),
                        "field 'outcome' is text '\\u001b]0;owned\\u0007'", true),
                edited("kind an object", n -> n.putObject("kind"), "field 'kind' is an object, expected text", true),
                edited("time as text", n -> n.put("timeToRecoverMillis", "soon"),
                        "field 'timeToRecoverMillis' is text 'soon', expected a whole number of milliseconds", true),
                edited("negative time", n -> n.put("timeToFirstSymptomMillis", -5),
                        "field 'timeToFirstSymptomMillis' is the number -5", true),
                edited("fractional time", n -> n.put("timeToFirstSymptomMillis", 1.5),
                        "field 'timeToFirstSymptomMillis' is the number 1.5", true),
                edited("bad timestamp", n -> n.put("startedAt", "yesterday"),
                        "field 'startedAt' is text 'yesterday', expected a timestamp", true),
                edited("parameters a list", n -> n.putArray("parameters").add(1),
                        "field 'parameters' is a list, expected an object of names to text", true),
                edited("parameter a number", n -> n.putObject("parameters").put("bit", 3),
                        "field 'parameters' is an object, expected an object of names to text", true),
                edited("symptoms an object", n -> n.putObject("symptoms"), "field 'symptoms' is an object, expected a list", true),
                edited("symptom text", n -> n.putArray("symptoms").add("x"), "field 'symptoms[0]' is text 'x', expected an object", true),
                edited("symptom kind unknown", n -> ((ObjectNode) n.get("symptoms").get(0)).put("kind", "NO_SUCH_KIND"),
                        "field 'symptoms[0].kind' has the value 'NO_SUCH_KIND', expected one of ", true),
                edited("symptom time text", n -> ((ObjectNode) n.get("symptoms").get(0)).put("firstSeenMillis", "abc"),
                        "field 'symptoms[0].firstSeenMillis' has the value 'abc', expected a number", true),
                edited("symptom time an object", n -> ((ObjectNode) n.get("symptoms").get(0)).putObject("firstSeenMillis"),
                        "field 'symptoms[0].firstSeenMillis' has the wrong type, expected a number", true),
                edited("spec text", n -> n.put("spec", "text"), "field 'spec' is text 'text', expected an object", true),
                edited("observation a number", n -> n.put("observation", 5), "field 'observation' is the number 5, expected an object", true),
                text("junk after", valid + " xyz", "junk after the record at column " + (valid.length() + 2), true),
                text("two records glued", valid + valid, "junk after the record at column " + (valid.length() + 1), true),
                text("a control character", valid.replace("\"quickstart\"", "\"quick\u0001start\""),
                        "not a JSON record (illegal unquoted character (control character 0x01)", true),
                text("zeros of a power loss", "\0\0\0\0\0\0", "not a JSON record (illegal character (control character 0x00)", false),
                text("nested too deep", "[".repeat(5000), "not a JSON record (too large to read (document nesting depth", false),
                text("a number too long", "{\"id\":\"" + DAMAGED.id() + "\",\"n\":" + "1".repeat(1500) + "}",
                        "not a JSON record (too large to read (number value length", true),
                Arguments.of(new Damage("not UTF-8", notUtf8(valid), "not UTF-8 text (byte 0xff at byte ", true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damages")
    void aDamagedLineIsSkippedAndNamedByEveryReader(Damage damage, @TempDir Path dir) throws Exception {
        Path file = journal(dir, damage.line());

        for (JournalContents read : List.of(Journal.read(dir), Journal.readWithoutObservations(dir))) {
            assertThat(read.records()).extracting(JournalRecord::id).containsExactly(RESULTS.get(0).id(), RESULTS.get(2).id());
            SkippedLine skipped = read.skipped().get(0);
            assertThat(read.skipped()).hasSize(1);
            assertThat(skipped.line()).isEqualTo(2);
            assertThat(skipped.message()).startsWith(file + ":2: ").contains(damage.reason()).endsWith("; skipped");
            assertThat(INTERNAL).noneMatch(skipped.message()::contains);
            assertThat(skipped.message().chars()).noneMatch(Character::isISOControl);
            assertThat(skipped.injectionId()).isEqualTo(damage.namesId() ? java.util.Optional.of(DAMAGED.id()) : java.util.Optional.empty());
        }
        // run --resume: the damaged injection is not done, so it runs again and its new record counts once.
        try (Journal j = Journal.open(dir)) {
            assertThat(j.warnings()).singleElement().asString().startsWith(file + ":2: ").contains(damage.reason());
            assertThat(j.completedIds()).containsExactly(RESULTS.get(0).id(), RESULTS.get(2).id());
            j.append(DAMAGED);
        }
        assertThat(Journal.read(dir).records()).containsExactly(RESULTS.get(0), RESULTS.get(2), DAMAGED);
    }

    @Test
    void ofTwoRecordsForOneIdTheFirstCountsAndTheSecondIsNamed(@TempDir Path dir) throws Exception {
        JournalRecord again = JournalRecord.builder(RESULTS.get(0).id()).outcome(dev.mutineer.classifier.Outcome.CLUSTER_WIDE).build();
        Path file = journal(dir, JournalFile.JSON.writeValueAsBytes(again));
        Files.write(file, (JournalFile.JSON.writeValueAsString(again) + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        JournalContents read = Journal.readWithoutObservations(dir);
        assertThat(read.records()).containsExactly(RESULTS.get(0), RESULTS.get(2));
        assertThat(read.warnings()).containsExactly(
                file + ":2: a second record for injection " + again.id() + " (the first, on line 1, counts); skipped",
                file + ":4: a second record for injection " + again.id() + " (the first, on line 1, counts); skipped");
        assertThat(read.find(again.id())).contains(RESULTS.get(0));
        try (Journal j = Journal.open(dir)) {
            assertThat(j.completedIds()).containsExactly(RESULTS.get(0).id(), RESULTS.get(2).id());
            assertThat(j.warnings()).hasSize(2);
        }
    }

    @Test
    void aLineBeyondTheLengthCapIsSkippedUnread(@TempDir Path dir) throws Exception {
        Path file = journal(dir, ("{\"id\":\"" + DAMAGED.id() + "\",\"junk\":\"" + "x".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8));
        JournalFile.Contents read = JournalFile.read(file, false, 4096);
        assertThat(read.records()).extracting(JournalRecord::id).containsExactly(RESULTS.get(0).id(), RESULTS.get(2).id());
        assertThat(read.skipped()).singleElement().satisfies(s -> {
            assertThat(s.message()).startsWith(file + ":2: longer than 4096 bytes");
            assertThat(s.id()).isEqualTo(DAMAGED.id());
        });
    }

    @Test
    void aCutLastLineNamesItsInjectionAndTheNextOpenKeepsItsBytesAside(@TempDir Path dir) throws Exception {
        String third = JournalFile.JSON.writeValueAsString(RESULTS.get(2));
        Path file = dir.resolve(JournalFile.NAME);
        try (Journal j = Journal.open(dir)) {
            j.append(RESULTS.get(0));
        }
        Files.writeString(file, third.substring(0, 40), StandardOpenOption.APPEND);
        assertThat(Journal.read(dir).skipped()).singleElement().satisfies(s -> {
            assertThat(s.message()).isEqualTo(file + ":2: incomplete (40 bytes without a newline: a write cut short by a crash); skipped");
            assertThat(s.id()).isEqualTo(RESULTS.get(2).id());
        });
        try (Journal j = Journal.open(dir)) {
            assertThat(j.completedIds()).containsExactly(RESULTS.get(0).id());
        }
        assertThat(Files.readString(dir.resolve(Journal.TORN_NAME))).isEqualTo(third.substring(0, 40) + "\n");
        assertThat(Journal.read(dir).skipped()).isEmpty();
    }

    /** A journal of three lines: the first and last results, and {@code middle} in between. */
    private static Path journal(Path dir, byte[] middle) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((JournalFile.JSON.writeValueAsString(RESULTS.get(0)) + "\n").getBytes(StandardCharsets.UTF_8));
        out.write(middle);
        out.write('\n');
        out.write((JournalFile.JSON.writeValueAsString(RESULTS.get(2)) + "\n").getBytes(StandardCharsets.UTF_8));
        return Files.write(dir.resolve(JournalFile.NAME), out.toByteArray());
    }

    private static Arguments text(String name, String line, String reason, boolean namesId) {
        return Arguments.of(new Damage(name, line.getBytes(StandardCharsets.UTF_8), reason, namesId));
    }

    private static Arguments edited(String name, Consumer<ObjectNode> edit, String reason, boolean namesId) throws Exception {
        JsonNode tree = JournalFile.JSON.valueToTree(DAMAGED);
        edit.accept((ObjectNode) tree);
        return text(name, JournalFile.JSON.writeValueAsString(tree), reason, namesId);
    }

    /** The record with one byte 0xff (never valid in UTF-8) in its campaign name. */
    private static byte[] notUtf8(String valid) {
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        int at = valid.indexOf("quickstart") + 3;
        bytes[at] = (byte) 0xff;
        return bytes;
    }
}
