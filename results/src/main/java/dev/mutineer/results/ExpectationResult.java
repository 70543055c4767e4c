package dev.mutineer.results;

import java.util.List;

/**
 * One campaign expectation checked against one cluster configuration's records: what it says, whether the records
 * break it, and the IDs behind the verdict (the offenders when violated).
 *
 * @param expectation how the campaign states it, e.g. "none CLUSTER_WIDE where operator=dependency"
 * @param variant     the cluster configuration checked ("default" for a plain campaign)
 * @param detail      what was found, in words, e.g. "2 of 14 matching injections ended CLUSTER_WIDE"
 * @param ids         journal IDs behind the verdict, in journal order
 */
public record ExpectationResult(String expectation, String variant, boolean violated, String detail, List<String> ids) {

    public ExpectationResult {
        ids = List.copyOf(ids);
    }

    /** "violated: none CLUSTER_WIDE [default]: 2 of 14 ... : a, b" for a console line. */
    public String describe(boolean withVariant) {
        return (violated ? "violated: " : "holds: ") + expectation + (withVariant ? " [" + variant + "]" : "") + ": " + detail
                + (ids.isEmpty() ? "" : ": " + String.join(", ", ids));
    }
}
