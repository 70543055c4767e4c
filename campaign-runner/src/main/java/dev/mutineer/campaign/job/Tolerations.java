package dev.mutineer.campaign.job;

import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;

import java.util.List;

/** Reads a toleration as {@code KEY[=VALUE][:EFFECT]}, the way {@code kubectl taint} writes a taint. */
public final class Tolerations {

    private static final List<String> EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private Tolerations() {
    }

    public static Toleration parse(String value) {
        String rest = value;
        String effect = null;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            effect = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!EFFECTS.contains(effect)) {
                throw new IllegalArgumentException("toleration '" + value + "': effect '" + effect + "' is none of " + EFFECTS);
            }
        }
        int eq = rest.indexOf('=');
        String key = eq < 0 ? rest : rest.substring(0, eq);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("toleration '" + value + "' names no key (KEY[=VALUE][:EFFECT])");
        }
        TolerationBuilder b = new TolerationBuilder().withKey(key).withEffect(effect);
        return eq < 0 ? b.withOperator("Exists").build() : b.withOperator("Equal").withValue(rest.substring(eq + 1)).build();
    }
}
