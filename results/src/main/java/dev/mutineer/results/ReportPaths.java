package dev.mutineer.results;

import java.nio.file.Path;
import java.util.List;

/** Where {@link ReportWriter#write} put the reports, and what it had to skip in the journal. */
public record ReportPaths(Path csv, Path html, int results, List<String> warnings) {

    public ReportPaths {
        warnings = List.copyOf(warnings);
    }
}
