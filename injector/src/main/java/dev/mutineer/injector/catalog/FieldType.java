package dev.mutineer.injector.catalog;

/** The kinds of field value the catalog distinguishes; each gets its own value faults. */
public enum FieldType {
    STRING, INT32, INT64, BOOL, DOUBLE, BYTES,
    /** resource.Quantity ("500m", "1Gi"). */
    QUANTITY,
    /** meta.v1.Time / MicroTime, or an RFC 3339 string in JSON. */
    TIMESTAMP,
    /** A repeated field; its elements have rows of their own. */
    LIST,
    /** A map field; its entries have rows of their own. */
    MAP,
    /** A message or JSON object present but without fields (e.g. emptyDir: {}). */
    OBJECT,
    /** JSON null. */
    NULL;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
