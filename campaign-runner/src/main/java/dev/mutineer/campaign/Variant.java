package dev.mutineer.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One cluster configuration of a differential campaign: the same injections run on each
 * variant, so their outcomes can be compared (e.g. a feature gate on against off).
 * Unset fields inherit the campaign's {@code cluster}; feature gates are merged gate by gate.
 */
public record Variant(String name, Optional<Backend> backend, Optional<Integer> nodes,
                      Optional<String> kubernetesVersion, Map<String, Boolean> featureGates) {

    public Variant {
        featureGates = featureGates == null ? Map.of() : new TreeMap<>(featureGates);
    }

    @JsonCreator
    static Variant fromYaml(@JsonProperty("name") String name,
                            @JsonProperty("backend") Backend backend,
                            @JsonProperty("nodes") Integer nodes,
                            @JsonProperty("kubernetesVersion") String kubernetesVersion,
                            @JsonProperty("featureGates") Map<String, Boolean> featureGates) {
        return new Variant(name, Optional.ofNullable(backend), Optional.ofNullable(nodes),
                Optional.ofNullable(kubernetesVersion), featureGates);
    }

    /** The campaign's cluster with this variant's settings laid over it (real nodes: the campaign's). */
    public ClusterSpec applyTo(ClusterSpec base) {
        Map<String, Boolean> gates = new TreeMap<>(base.featureGates());
        gates.putAll(featureGates);
        return new ClusterSpec(backend.orElse(base.backend()), nodes.orElse(base.nodes()),
                kubernetesVersion.or(base::kubernetesVersion), gates, base.realNodes(), base.realNodesFallback());
    }
}
