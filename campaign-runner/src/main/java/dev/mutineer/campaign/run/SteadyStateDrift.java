package dev.mutineer.campaign.run;

import dev.mutineer.cluster.resource.ResourceKind;
import dev.mutineer.cluster.resource.ResourceKinds;
import dev.mutineer.injector.codec.StorageCodec;
import dev.mutineer.injector.codec.StoredObject;
import dev.mutineer.injector.inject.StoredValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How far the workload's objects are from the saved steady state: counts can match while the objects are not the
 * saved ones (measured: a ReplicaSet created by an earlier injection, not the saved one, serving a Deployment's
 * pods). Objects are compared by UID, the identity the API server gives each incarnation of a name.
 */
final class SteadyStateDrift {

    /** The kinds a workload consists of: its controllers and their pods. */
    static final List<ResourceKind> KINDS = Stream.concat(ResourceKinds.workloads().stream(), Stream.of(ResourceKinds.require("Pod")))
            .toList();

    /** One stored incarnation of an object. */
    record Incarnation(String kind, String namespace, String name, String uid) {

        @Override
        public String toString() {
            return kind + " " + namespace + "/" + name + " (uid " + uid + ")";
        }
    }

    private SteadyStateDrift() {
    }

    /**
     * The stored objects of the workload's kinds in the namespaces, from a key -> value map per key prefix
     * ({@code valuesUnder}: the saved state's or etcd's). A value that does not decode names no incarnation.
     */
    static List<Incarnation> incarnations(String prefix, Collection<String> namespaces, Function<String, Map<String, byte[]>> valuesUnder) {
        StorageCodec codec = new StorageCodec();
        List<Incarnation> out = new ArrayList<>();
        for (ResourceKind kind : KINDS) {
            for (String ns : namespaces) {
                for (byte[] value : valuesUnder.apply(kind.keyPrefix(prefix, ns)).values()) {
                    Optional<StoredObject> o = codec.tryDecode(value);
                    o.ifPresent(x -> out.add(new Incarnation(kind.kind(), ns, x.name(), x.uid())));
                }
            }
        }
        return out;
    }

    /** What differs, in words: objects that are not the saved ones, saved ones that are gone. Empty: none. */
    static List<String> between(Collection<Incarnation> saved, Collection<Incarnation> now) {
        Set<String> savedUids = saved.stream().map(Incarnation::uid).collect(Collectors.toSet());
        Set<String> nowUids = now.stream().map(Incarnation::uid).collect(Collectors.toSet());
        Set<String> out = new TreeSet<>();
        now.stream().filter(i -> !savedUids.contains(i.uid())).forEach(i -> out.add("drift: " + i + " not in the steady state"));
        saved.stream().filter(i -> !nowUids.contains(i.uid())).forEach(i -> out.add("drift: " + i + " of the steady state is gone"));
        return List.copyOf(out);
    }

    /** A map of values by key, as EtcdStore lists them. */
    static Map<String, byte[]> byKey(List<StoredValue> values) {
        Map<String, byte[]> out = new TreeMap<>();
        values.forEach(v -> out.put(v.key(), v.value()));
        return out;
    }
}
