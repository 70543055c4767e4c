package dev.mutineer.campaign;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a campaign with {@code cluster.realNodes} does on a host that cannot run real nodes (no root, or the node
 * packages missing): stop before any cluster starts (the default), or say so in one line and run on kwok nodes only.
 */
public enum RealNodesFallback {
    FAIL("fail"),
    KWOK_ONLY("kwok-only");

    private final String label;

    RealNodesFallback(String label) {
        this.label = label;
    }

    /** The name used in campaign files. */
    @JsonValue
    public String label() {
        return label;
    }
}
