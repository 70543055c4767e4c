package dev.mutineer.results;

import java.util.List;
import java.util.Optional;

/**
 * The records of a journal and the lines that had to be skipped. Record IDs are unique: of several records for
 * one ID the first counts, the others are among the skipped lines.
 */
public record JournalContents(List<JournalRecord> records, List<SkippedLine> skipped) {

    public JournalContents {
        records = List.copyOf(records);
        skipped = List.copyOf(skipped);
    }

    /** One message a skipped line, naming file and line: what the CLI prints on stderr. */
    public List<String> warnings() {
        return skipped.stream().map(SkippedLine::message).toList();
    }

    /** The record of an injection. */
    public Optional<JournalRecord> find(String id) {
        return records.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The first skipped line naming this ID: why an injection the user saw in the journal has no record. */
    public Optional<SkippedLine> skippedLineOf(String id) {
        return skipped.stream().filter(s -> id.equals(s.id())).findFirst();
    }
}
