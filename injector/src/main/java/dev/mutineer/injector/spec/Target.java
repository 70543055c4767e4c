package dev.mutineer.injector.spec;

import java.util.Objects;

/**
 * What to inject into: one object by name, or one of the objects a label selector picks
 * (chosen with the spec's seed when the injection runs).
 *
 * @param kind      "Pod", "Deployment", ... (or the resource name: "pods")
 * @param namespace empty for cluster-scoped kinds
 * @param name      the object's name, or empty when a selector is given
 * @param selector  "app=web,tier=front" (equality terms only), or empty
 */
public record Target(String kind, String namespace, String name, String selector) {

    public Target {
        kind = Objects.requireNonNull(kind, "kind").trim();
        namespace = namespace == null ? "" : namespace.trim();
        name = name == null ? "" : name.trim();
        selector = selector == null ? "" : selector.trim();
        if (kind.isEmpty()) {
            throw new IllegalArgumentException("target needs a kind");
        }
        if (name.isEmpty() == selector.isEmpty()) {
            throw new IllegalArgumentException("target " + kind + " needs exactly one of name and selector");
        }
    }

    public static Target named(String kind, String namespace, String name) {
        return new Target(kind, namespace, name, "");
    }

    public static Target selected(String kind, String namespace, String selector) {
        return new Target(kind, namespace, "", selector);
    }

    @Override
    public String toString() {
        return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + (name.isEmpty() ? "[" + selector + "]" : name);
    }
}
