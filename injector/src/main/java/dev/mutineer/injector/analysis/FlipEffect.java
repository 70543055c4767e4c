package dev.mutineer.injector.analysis;

/** What one single-bit flip does to a stored object, as the API server would see it. */
public enum FlipEffect {
    /** Decodes; exactly one field has another value. */
    ONE_VALUE_CHANGED,
    /** Decodes; several fields changed (a flipped tag or length moves bytes between fields). */
    SEVERAL_VALUES_CHANGED,
    /** Decodes to the same fields (the flip hit bytes Go skips, e.g. an unknown field). */
    NOTHING_VISIBLE,
    /**
     * Decodes, but embedded JSON (managedFields) is broken: the API server answers 500 to every
     * JSON request that includes the object, while protobuf clients (the controllers) read it.
     */
    JSON_UNSERVABLE,
    /** Does not decode: the resource type becomes unreadable. */
    UNDECODABLE
}
