package dev.mutineer.results;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a journal, decoded: a record, or what is wrong with the line. Every damage a file can suffer
 * (bytes that are not UTF-8, text that is not JSON, JSON that is not an object, an object that is not a record)
 * ends here as a reason in the user's words, never as an exception.
 */
final class JournalLine {

    /** What a line holds. */
    sealed interface Decoded permits Valid, Damaged, Blank {
    }

    record Valid(JournalRecord result) implements Decoded {
    }

    /** @param id the ID the line names when one can be made out (for "reproduce ID" to say why it has no record) */
    record Damaged(String id, String reason) implements Decoded {
    }

    /** An empty line: harmless, never written by the journal, ignored. */
    record Blank() implements Decoded {
    }

    /** A record starts with its ID (the record's first component): enough to name the injection of a cut line. */
    private static final Pattern LEADING_ID = Pattern.compile("^\\s*\\{\\s*\"id\"\\s*:\\s*\"([^\"\\\\\\p{Cntrl}]{1,200})\"");

    private JournalLine() {
    }

    static Decoded decode(byte[] bytes, int length, boolean keepObservation) {
        CharBuffer chars = CharBuffer.allocate(length);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        CoderResult r = utf8.decode(in, chars, true);
        if (r.isError()) {
            String head = new String(bytes, 0, in.position(), StandardCharsets.UTF_8);
            return new Damaged(leadingId(head), String.format(Locale.ROOT, "not UTF-8 text (byte 0x%02x at byte %d of the line)",
                    bytes[in.position()] & 0xff, in.position() + 1));
        }
        utf8.flush(chars);
        String text = chars.flip().toString();
        if (text.isBlank()) {
            return new Blank();
        }
        return decode(text, keepObservation);
    }

    static Decoded decode(String text, boolean keepObservation) {
        JsonNode tree;
        try (JsonParser parser = JournalFile.JSON.createParser(text)) {
            tree = JournalFile.JSON.readTree(parser);
            String junk = junkAfter(parser);
            if (junk != null) {
                return new Damaged(leadingId(text), junk);
            }
        } catch (JsonProcessingException e) {
            return new Damaged(leadingId(text), "not a JSON record (" + JsonProblems.syntax(e) + ")");
        } catch (IOException e) {
            return new Damaged(leadingId(text), "not a JSON record");
        }
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            return new Damaged(null, "holds null, not a result record");
        }
        if (!tree.isObject()) {
            return new Damaged(null, "holds " + RecordShape.describe(tree) + ", not a result record (a JSON object)");
        }
        JsonNode idNode = tree.get("id");
        String id = idNode != null && idNode.isTextual() && !idNode.asText().isBlank() ? idNode.asText() : null;
        List<String> problems = RecordShape.problems(tree);
        if (!problems.isEmpty()) {
            return new Damaged(id, "not a valid result: " + String.join("; ", problems));
        }
        try {
            JournalRecord result = JournalFile.JSON.treeToValue(tree, JournalRecord.class);
            return new Valid(keepObservation ? result : result.withoutObservation());
        } catch (JsonMappingException e) {
            return new Damaged(id, "not a valid result: " + JsonProblems.binding(e));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return new Damaged(id, "not a valid result");
        }
    }

    /** The ID at the start of a line that is not (or not wholly) JSON; null when there is none to make out. */
    static String leadingId(String text) {
        Matcher m = LEADING_ID.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** Two records glued on one line, or anything after the record, is damage too; null when the value ends the line. */
    private static String junkAfter(JsonParser parser) throws IOException {
        JsonLocation at;
        try {
            if (parser.nextToken() == null) {
                return null;
            }
            at = parser.currentTokenLocation();
        } catch (JsonProcessingException e) {
            at = e.getLocation();
        }
        return "junk after the record" + (at != null && at.getColumnNr() > 0 ? " at column " + at.getColumnNr() : "");
    }
}
