package dev.mutineer.injector.inject;

/**
 * A stored resource type and where the API server keeps it.
 *
 * @param kind       "Pod"
 * @param resource   "pods" (what users type)
 * @param storePath  the path under the key prefix: "pods", "minions", "services/specs",
 *                   "apiregistration.k8s.io/apiservices"
 * @param namespaced whether keys carry a namespace segment
 */
public record ResourceKind(String kind, String resource, String storePath, boolean namespaced) {

    /** "/registry/pods/default/web" or "/registry/minions/node-1". */
    public String key(String prefix, String namespace, String name) {
        if (namespaced && (namespace == null || namespace.isEmpty())) {
            throw new IllegalArgumentException(kind + " is namespaced: name the namespace of " + name);
        }
        return keyPrefix(prefix, namespaced ? namespace : null) + name;
    }

    /** Every key of this type (namespace null) or of one namespace, ending in "/". */
    public String keyPrefix(String prefix, String namespace) {
        String base = prefix + "/" + storePath + "/";
        return namespace == null || namespace.isEmpty() || !namespaced ? base : base + namespace + "/";
    }
}
