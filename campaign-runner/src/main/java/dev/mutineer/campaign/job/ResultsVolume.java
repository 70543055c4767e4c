package dev.mutineer.campaign.job;

import java.util.Locale;

/**
 * Where a shard's pod writes its results directory. {@code emptyDir}: gone with the pod, so the pod also prints its
 * results into its log for {@code mutineer collect}; {@code hostPath:PATH} or {@code pvc:CLAIM}: kept on the node or
 * the claim (shard K under {@code shard-K}), for campaigns whose results outgrow a container log.
 */
public sealed interface ResultsVolume {

    record EmptyDir() implements ResultsVolume {
    }

    record HostPath(String path) implements ResultsVolume {
    }

    record Claim(String name) implements ResultsVolume {
    }

    /** Parses {@code emptyDir}, {@code hostPath:/abs/path} or {@code pvc:NAME}; anything else names the three forms. */
    public static ResultsVolume parse(String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("emptyDir")) {
            return new EmptyDir();
        }
        int colon = v.indexOf(':');
        String kind = colon < 0 ? "" : v.substring(0, colon).toLowerCase(Locale.ROOT);
        String arg = colon < 0 ? "" : v.substring(colon + 1);
        if (kind.equals("hostpath") && arg.startsWith("/")) {
            return new HostPath(arg);
        }
        if (kind.equals("pvc") && arg.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
            return new Claim(arg);
        }
        throw new IllegalArgumentException("results volume '" + value
                + "' is none of: emptyDir, hostPath:/ABSOLUTE/PATH, pvc:CLAIM-NAME (a DNS subdomain name)");
    }

    /** Whether the pod must print its results into its log (nothing else keeps them after the pod is gone). */
    default boolean printsToLog() {
        return this instanceof EmptyDir;
    }
}
