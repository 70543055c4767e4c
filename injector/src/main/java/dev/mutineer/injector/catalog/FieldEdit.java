package dev.mutineer.injector.catalog;

/** What to do to the field a path names. */
public sealed interface FieldEdit {

    /** Replace the value (String, Number, Boolean, Instant, byte[] according to the field type). */
    record Set(Object value) implements FieldEdit { }

    /** Remove a list element or map entry; clear a singular field. */
    record Remove() implements FieldEdit { }

    /** Insert a copy of the list element right after it. */
    record Duplicate() implements FieldEdit { }

    /** Give the map entry another key, keeping its value. */
    record RenameKey(String newKey) implements FieldEdit { }

    /** Empty a list or map field. */
    record Clear() implements FieldEdit { }
}
