package dev.mutineer.injector.operator;

import dev.mutineer.injector.codec.StoredObject;

import java.util.List;
import java.util.Objects;

/**
 * The other stored objects an operator may point a reference at ("dependency ... to=other").
 * At rest they are read from etcd; tests can hand over objects they built.
 */
public interface Neighbours {

    /** Decodable objects of kind in namespace (ignored for cluster-scoped kinds), sorted by key. */
    List<StoredObject> objects(String kind, String namespace);

    Neighbours NONE = (kind, namespace) -> List.of();

    static Neighbours of(List<StoredObject> objects) {
        return (kind, namespace) -> objects.stream()
                .filter(o -> o.kind().equals(kind))
                .filter(o -> o.namespace().isEmpty() || Objects.equals(o.namespace(), namespace))
                .toList();
    }
}
