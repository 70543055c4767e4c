package dev.mutineer.injector.inflight;

import com.google.protobuf.ByteString;
import dev.mutineer.cluster.resource.ResourceKind;
import dev.mutineer.cluster.resource.ResourceKinds;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which requests a rule looks at: gRPC methods (full names, see {@link EtcdMethods}) and a key
 * prefix ("" for every key). For a Txn the keys are those its success branch writes; for a watch,
 * the keys of its events.
 */
public record Selector(Set<String> methods, String keyPrefix) {

    private static final String REGISTRY = "/registry";

    public Selector {
        methods = methods.stream().map(EtcdMethods::fullName).collect(Collectors.toUnmodifiableSet());
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("a selector names at least one method");
        }
    }

    /** Writes (Txn, Put, DeleteRange) of keys under prefix. */
    public static Selector writes(String keyPrefix) {
        return new Selector(EtcdMethods.WRITES, keyPrefix);
    }

    /** Writes of one resource kind ("Deployment", "pods", "deploy") under the API server's /registry prefix. */
    public static Selector writesOf(String kindOrResource) {
        return writes(prefixOf(kindOrResource));
    }

    /** Watch events of keys under prefix. */
    public static Selector watch(String keyPrefix) {
        return new Selector(Set.of(EtcdMethods.WATCH), keyPrefix);
    }

    public static Selector watchOf(String kindOrResource) {
        return watch(prefixOf(kindOrResource));
    }

    /** Any of these methods ("KV/Range", "Lease/LeaseGrant", ...), any key. */
    public static Selector methods(String... names) {
        return new Selector(Set.of(names), "");
    }

    /** The same methods, restricted to keys under prefix. */
    public Selector under(String prefix) {
        return new Selector(methods, prefix);
    }

    public static String prefixOf(String kindOrResource) {
        ResourceKind kind = ResourceKinds.require(kindOrResource);
        return kind.keyPrefix(REGISTRY, null);
    }

    boolean matchesMethod(String fullMethodName) {
        return methods.contains(fullMethodName);
    }

    boolean matchesKey(ByteString key) {
        return keyPrefix.isEmpty() || key.startsWith(ByteString.copyFrom(keyPrefix, StandardCharsets.UTF_8));
    }
}
