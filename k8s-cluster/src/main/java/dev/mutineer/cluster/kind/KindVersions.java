package dev.mutineer.cluster.kind;

import com.dajudge.kindcontainer.KindContainerVersion;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The Kubernetes versions kindcontainer has kindest/node images for, and which one a request picks. */
final class KindVersions {

    private KindVersions() {
    }

    /** "v1.34.0" and the like, oldest first. */
    static List<String> known() {
        return Arrays.stream(KindContainerVersion.values()).map(KindVersions::kubernetesVersion)
                .sorted(KindVersions::compare).toList();
    }

    /** The newest image of the requested version ("1.33": its newest patch; "v1.33.4": exactly), or the newest of all. */
    static KindContainerVersion resolve(Optional<String> requested) {
        Comparator<KindContainerVersion> byVersion = Comparator.comparing(KindVersions::kubernetesVersion, KindVersions::compare);
        if (requested.isEmpty()) {
            return Arrays.stream(KindContainerVersion.values()).max(byVersion).orElseThrow();
        }
        String want = requested.get().replaceFirst("^v", "");
        return Arrays.stream(KindContainerVersion.values())
                .filter(v -> {
                    String have = kubernetesVersion(v).replaceFirst("^v", "");
                    return have.equals(want) || have.startsWith(want + ".");
                })
                .max(byVersion)
                .orElseThrow(() -> new IllegalArgumentException("kind backend: no kindest/node image known for Kubernetes "
                        + requested.get() + "; known: " + known() + " (or pass an image of your own with withImage)"));
    }

    static String kubernetesVersion(KindContainerVersion v) {
        return v.descriptor().getKubernetesVersion();
    }

    /** Numerically, with or without a leading "v". */
    static int compare(String a, String b) {
        int[] x = Arrays.stream(a.replaceFirst("^v", "").split("\\.")).mapToInt(Integer::parseInt).toArray();
        int[] y = Arrays.stream(b.replaceFirst("^v", "").split("\\.")).mapToInt(Integer::parseInt).toArray();
        return Arrays.compare(x, y);
    }
}
