package dev.mutineer.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mutineer.classifier.Outcome;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Merges the journals of several results directories into one: one record per ID. Records of one ID that are
 * equal (the same directory given twice, a copy of a shard) count once, silently. Two records of one ID that
 * differ (one shard run twice, on two machines) are a conflict: the record of the source given first is kept,
 * the other goes to {@code rejected.jsonl} with the reason, and both are named in the result, never hidden. The
 * merged records name the merged directory in their reproduce line; everything else stays as recorded.
 *
 * <p>Sources are read one at a time, so memory holds one source's records (with their observations) and a
 * digest per ID, not the whole campaign.
 */
public final class JournalMerge {

    public static final String REJECTED = "rejected.jsonl";

    private static final ObjectMapper JSON = JournalFile.JSON;
    /** Equality of records regardless of the order of their keys. */
    private static final ObjectMapper CANONICAL = JournalFile.JSON.copy().configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true);

    /** A results directory to merge, and the name messages give it. */
    public record Source(String label, Path dir) {
    }

    /**
     * Two different records of one ID.
     *
     * @param kept     the source whose record is in the merged journal (the one given first)
     * @param rejected the source whose record went to rejected.jsonl
     */
    public record Conflict(String id, Source kept, Outcome keptOutcome, Source rejected, Outcome rejectedOutcome) {
        public String message() {
            return "injection " + id + " was recorded differently in " + kept.label() + " (" + keptOutcome + ") and in "
                    + rejected.label() + " (" + rejectedOutcome + "): the record of " + kept.label()
                    + " (given first) is kept, the other is in " + REJECTED;
        }
    }

    /** A record kept out of the merge by the caller's rule (a record in the wrong shard), and why. */
    public record Refusal(String id, Source source, String reason) {
        public String message() {
            return "injection " + id + " in " + source.label() + " left out: " + reason + " (kept in " + REJECTED + ")";
        }
    }

    /**
     * What a merge did.
     *
     * @param keptIds    per source, the IDs whose merged record came from it, in journal order
     * @param duplicates records equal to one already merged
     * @param skipped    damaged lines of the sources' journals (not merged; a resumed shard runs them again)
     */
    public record Result(Map<Source, List<String>> keptIds, int duplicates, List<Conflict> conflicts,
                         List<Refusal> refusals, List<SkippedLine> skipped) {

        public int records() {
            return keptIds.values().stream().mapToInt(List::size).sum();
        }
    }

    private JournalMerge() {
    }

    /**
     * Writes {@code into}/journal.jsonl (and rejected.jsonl when a record was rejected), each replaced whole.
     *
     * @param refuse    a reason to keep a record out, or empty to merge it
     * @param mergedDir where the merged directory will be (its reproduce lines name it); {@code into} may be a
     *                  temporary directory that is moved there afterwards
     */
    public static Result merge(List<Source> sources, BiFunction<Source, JournalRecord, Optional<String>> refuse,
                               Path into, Path mergedDir) {
        Map<String, Seen> seen = new HashMap<>();
        Map<Source, List<String>> kept = new LinkedHashMap<>();
        List<Conflict> conflicts = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        List<SkippedLine> skipped = new ArrayList<>();
        List<String> rejectedLines = new ArrayList<>();
        int[] duplicates = {0};
        Path journal = into.resolve(JournalFile.NAME);
        try {
            PrivateFiles.replace(journal, out -> {
                for (Source source : sources) {
                    List<String> ids = kept.computeIfAbsent(source, s -> new ArrayList<>());
                    JournalContents contents = Journal.read(source.dir());
                    skipped.addAll(contents.skipped());
                    for (JournalRecord r : contents.records()) {
                        ObjectNode tree = JSON.valueToTree(r);
                        tree.put("reproduceCommand", ReproduceLine.of(r.id(), mergedDir));
                        Optional<String> refused = refuse.apply(source, r);
                        if (refused.isPresent()) {
                            refusals.add(new Refusal(r.id(), source, refused.get()));
                            rejectedLines.add(rejectedLine(r.id(), source, refused.get(), tree));
                            continue;
                        }
                        byte[] digest = digest(tree);
                        Seen before = seen.get(r.id());
                        if (before == null) {
                            seen.put(r.id(), new Seen(digest, source, r.outcome()));
                            ids.add(r.id());
                            writeLine(out, JSON.writeValueAsString(tree));
                        } else if (Arrays.equals(before.digest(), digest)) {
                            duplicates[0]++;
                        } else {
                            Conflict c = new Conflict(r.id(), before.source(), before.outcome(), source, r.outcome());
                            conflicts.add(c);
                            rejectedLines.add(rejectedLine(r.id(), source, "conflicts with the record kept from "
                                    + before.source().label(), tree));
                        }
                    }
                }
            });
            if (!rejectedLines.isEmpty()) {
                PrivateFiles.replace(into.resolve(REJECTED), out -> {
                    for (String line : rejectedLines) {
                        writeLine(out, line);
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the merged journal " + journal + ": " + IoProblems.describe(e), e);
        }
        return new Result(kept, duplicates[0], List.copyOf(conflicts), List.copyOf(refusals), List.copyOf(skipped));
    }

    private record Seen(byte[] digest, Source source, Outcome outcome) {
    }

    private static String rejectedLine(String id, Source source, String reason, ObjectNode record) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("id", id);
        line.put("source", source.dir().toString());
        line.put("reason", reason);
        line.set("record", record);
        return JSON.writeValueAsString(line);
    }

    private static void writeLine(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] digest(ObjectNode record) throws IOException {
        try {
            return MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsBytes(record));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
