package dev.mutineer.campaign;

import java.nio.file.Path;

/**
 * One thing wrong with a campaign file, located so an editor can jump to it.
 *
 * @param line   1-based; 0 when unknown
 * @param column 1-based; 0 when unknown
 * @param field  the field path, e.g. {@code faults[1].operator}; "" for the whole file
 */
public record Problem(Path file, int line, int column, String field, String message) {

    /** "file:line:column: field: message", the form compilers use and editors link. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file.toString());
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (!field.isEmpty()) {
            sb.append(field).append(": ");
        }
        return sb.append(message).toString();
    }
}
