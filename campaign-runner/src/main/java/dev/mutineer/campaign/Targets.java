package dev.mutineer.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Objects;

/**
 * Which stored objects and fields a campaign may corrupt. An empty list means "no restriction".
 *
 * @param kinds      Kubernetes kinds, e.g. Deployment, Pod
 * @param namespaces namespaces; cluster-scoped objects (Node) are selected by kind alone
 * @param names      patterns on object names, e.g. {@code frontend-*} (see {@link Glob#name})
 * @param fields     patterns on field paths of the injector's field catalog, e.g. {@code spec.replicas},
 *                   {@code metadata.labels[*]}, {@code spec.template.**} (see {@link Glob#field})
 */
public record Targets(List<String> kinds, List<String> namespaces, List<String> names, List<String> fields) {

    public static final Targets ALL = new Targets(List.of(), List.of(), List.of(), List.of());

    public Targets {
        kinds = copy(kinds);
        namespaces = copy(namespaces);
        names = copy(names);
        fields = copy(fields);
    }

    @JsonCreator
    static Targets fromYaml(@JsonProperty("kinds") List<String> kinds,
                            @JsonProperty("namespaces") List<String> namespaces,
                            @JsonProperty("names") List<String> names,
                            @JsonProperty("fields") List<String> fields) {
        return new Targets(kinds, namespaces, names, fields);
    }

    /** Whether an object of this kind, namespace ("" when cluster-scoped) and name is a target. */
    public boolean selectsObject(String kind, String namespace, String name) {
        return (kinds.isEmpty() || kinds.contains(kind))
                // Cluster-scoped objects (Nodes) have no namespace to filter on: the kind decides.
                && (namespaces.isEmpty() || namespace.isEmpty() || namespaces.contains(namespace))
                && (names.isEmpty() || names.stream().anyMatch(g -> Glob.name(g).matcher(name).matches()));
    }

    /** Whether a field, as {@code FieldPath.pattern()} writes it, is a target. */
    public boolean selectsField(String fieldPattern) {
        return fields.isEmpty() || fields.stream().anyMatch(g -> Glob.field(g).matcher(fieldPattern).matches());
    }

    private static List<String> copy(List<String> list) {
        // List.copyOf rejects nulls; a YAML "- " item is null and is reported by the validator instead.
        return list == null ? List.of() : list.stream().map(s -> Objects.requireNonNullElse(s, "")).toList();
    }
}
