package dev.mutineer.campaign;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a campaign's clusters run; the names match {@link dev.mutineer.cluster.ClusterConfig}. */
public enum Backend {
    LOCAL("local"),
    KIND("kind");

    private final String label;

    Backend(String label) {
        this.label = label;
    }

    /** The name used in campaign files and on the command line. */
    @JsonValue
    public String label() {
        return label;
    }
}
