package dev.mutineer.results;

import java.util.List;

/** The records of a journal and the warnings about lines that had to be skipped. */
public record JournalContents(List<InjectionResult> records, List<String> warnings) {

    public JournalContents {
        records = List.copyOf(records);
        warnings = List.copyOf(warnings);
    }
}
