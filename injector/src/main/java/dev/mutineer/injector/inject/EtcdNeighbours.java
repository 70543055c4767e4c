package dev.mutineer.injector.inject;

import dev.mutineer.cluster.resource.ResourceKind;
import dev.mutineer.cluster.resource.ResourceKinds;
import dev.mutineer.injector.codec.StorageCodec;
import dev.mutineer.injector.codec.StoredObject;
import dev.mutineer.injector.operator.Neighbours;

import java.util.List;
import java.util.Optional;

/** Neighbour objects read straight from etcd: what the API server currently stores. */
public final class EtcdNeighbours implements Neighbours {

    private final EtcdStore store;
    private final String prefix;
    private final StorageCodec codec = new StorageCodec();

    public EtcdNeighbours(EtcdStore store, String prefix) {
        this.store = store;
        this.prefix = prefix;
    }

    @Override
    public List<StoredObject> objects(String kind, String namespace) {
        Optional<ResourceKind> rk = ResourceKinds.find(kind);
        if (rk.isEmpty()) {
            return List.of();
        }
        return store.list(rk.get().keyPrefix(prefix, namespace)).stream()
                .map(v -> codec.tryDecode(v.value()))
                .flatMap(Optional::stream)
                .toList();
    }
}
