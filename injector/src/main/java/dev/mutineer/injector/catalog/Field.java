package dev.mutineer.injector.catalog;

/**
 * One row of the field catalog.
 *
 * @param value the current value: String, Long (all integers), Boolean, Double, byte[] as
 *              base64 String, Instant-as-String (RFC 3339) for timestamps, Integer size for
 *              lists and maps
 */
public record Field(FieldPath path, FieldType type, Object value) {

    /** The value as one line of text, as the table prints it. */
    public String display() {
        return switch (type) {
            case LIST -> value + " items";
            case MAP -> value + " entries";
            case OBJECT -> "{}";
            case NULL -> "null";
            default -> String.valueOf(value);
        };
    }
}
