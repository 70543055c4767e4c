package dev.mutineer.campaign.run;

import dev.mutineer.campaign.Targets;
import dev.mutineer.cluster.Cluster;
import dev.mutineer.cluster.Keyspace;
import dev.mutineer.injector.codec.StorageCodec;
import dev.mutineer.injector.codec.StoredObject;
import dev.mutineer.injector.inject.EtcdStore;
import dev.mutineer.cluster.resource.ResourceKind;
import dev.mutineer.cluster.resource.ResourceKinds;
import dev.mutineer.injector.inject.StoredValue;
import dev.mutineer.injector.spec.Target;
import io.etcd.jetcd.Client;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The stored objects a campaign's targets select, read straight from etcd, each with the injector
 * {@link Target} that names it in a way that survives a fresh cluster.
 */
public final class StoredObjects {

    /** One selected object: its injector target, its kind's dependency links are looked up by kind. */
    public record Selected(Target target, StoredObject object) {
    }

    private StoredObjects() {
    }

    /**
     * Every decodable stored object the targets select, one entry per distinct injector target, sorted by
     * target so the list (and so the plan) does not depend on etcd's key order or on generated names. The
     * cluster's keyspace is read in pages at one revision ({@link Keyspace}), so a cluster of thousands of
     * nodes is read as consistently as a small one.
     */
    public static List<Selected> read(Cluster cluster, Targets targets) {
        try (Client etcd = cluster.etcd().connect()) {
            return select(Keyspace.read(etcd, cluster.etcdKeyPrefix() + "/"), cluster.etcdKeyPrefix(), targets);
        }
    }

    static List<Selected> select(Keyspace keyspace, String prefix, Targets targets) {
        StorageCodec codec = new StorageCodec();
        Map<String, Selected> byTarget = new TreeMap<>();
        for (Keyspace.Entry v : keyspace.entries()) {
            Optional<ResourceKind> kind = ResourceKinds.ofKey(prefix, v.key());
            if (kind.isEmpty() || !targets.kinds().isEmpty() && !targets.kinds().contains(kind.get().kind())) {
                continue; // decoding is the cost here: only the targeted kinds are decoded
            }
            Optional<StoredObject> decoded = codec.tryDecode(v.value());
            if (decoded.isEmpty()) {
                continue;
            }
            StoredObject o = decoded.get();
            String namespace = kind.get().namespaced() ? o.namespace() : "";
            if (!targets.selectsObject(kind.get().kind(), namespace, o.name())) {
                continue;
            }
            Target target = targetFor(kind.get().kind(), namespace, o);
            byTarget.putIfAbsent(target.toString(), new Selected(target, o));
        }
        return List.copyOf(byTarget.values());
    }

    /**
     * An object whose name the API server generated (pods of a ReplicaSet, EndpointSlices) gets a new name
     * in every cluster, so it is targeted by its stable labels instead: the injector then picks one of the
     * matching objects with the spec's seed. Siblings share their labels and collapse into one target,
     * which is right: they are interchangeable. Everything else is targeted by name.
     */
    static Target targetFor(String kind, String namespace, StoredObject o) {
        String generateName = o.objectMeta() == null ? "" : o.objectMeta().getGenerateName();
        if (generateName.isEmpty()) {
            return Target.named(kind, namespace, o.name());
        }
        String selector = stableLabels(o.labels()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        return selector.isEmpty() ? Target.named(kind, namespace, o.name()) : Target.selected(kind, namespace, selector);
    }

    /**
     * Labels without the ones that carry a UID (a Job's pods carry their Job's UID), which differ from one
     * cluster to the next. Template hashes are kept: they are hashes of the spec, the same everywhere.
     */
    static Map<String, String> stableLabels(Map<String, String> labels) {
        Map<String, String> out = new TreeMap<>(Comparator.naturalOrder());
        labels.forEach((k, v) -> {
            if (!k.endsWith("controller-uid")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** For messages: how many objects of each kind. */
    public static String countByKind(List<Selected> objects) {
        Map<String, Long> counts = new TreeMap<>(objects.stream()
                .collect(Collectors.groupingBy(s -> s.target().kind(), Collectors.counting())));
        List<String> parts = new ArrayList<>();
        counts.forEach((k, n) -> parts.add(n + " " + k));
        return String.join(", ", parts);
    }
}
