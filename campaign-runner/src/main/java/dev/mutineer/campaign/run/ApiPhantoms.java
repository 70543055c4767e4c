package dev.mutineer.campaign.run;

import dev.mutineer.cluster.resource.ResourceKind;
import dev.mutineer.injector.catalog.FieldEditor;
import dev.mutineer.injector.catalog.FieldPath;
import dev.mutineer.injector.codec.StorageCodec;
import dev.mutineer.injector.codec.StoredObject;
import dev.mutineer.injector.inject.EtcdStore;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Objects the API server serves that no etcd key holds. The API server's watch cache files each object under the
 * namespace and name the object itself states, not under the key it came from; a fault that changes a stored
 * object's metadata.name or metadata.namespace makes the cache file it under the new identity, beside the old one.
 * No restore of the key removes that entry: nothing is stored under the new identity, so no event ever deletes it.
 * Seen in a campaign: after a value fault set an EndpointSlice's name, the API listed the renamed slice for the rest
 * of the campaign; the EndpointSlice controller took it for a duplicate of the restored one, deleted the restored
 * one (etcd then held no slice of that Service), and failed to delete the phantom at every later reset.
 *
 * <p>A phantom is removed the way it came: an object with its identity is written under the key that identity
 * names and deleted again, so the watch cache sees it updated and then deleted.
 */
final class ApiPhantoms {

    private static final StorageCodec CODEC = new StorageCodec();

    /** One object as the API server lists it. */
    record Served(String namespace, String name, String uid) {
    }

    /** A served object no key holds. */
    record Phantom(ResourceKind kind, String namespace, String name, String uid) {

        String key(String prefix) {
            return kind.key(prefix, namespace, name);
        }

        @Override
        public String toString() {
            return kind.kind() + " " + (kind.namespaced() ? namespace + "/" : "") + name + " (uid " + uid + ")";
        }
    }

    private ApiPhantoms() {
    }

    /** The served objects of kind whose key is not among {@code keys}. Pure. */
    static List<Phantom> find(ResourceKind kind, String prefix, Collection<Served> served, Set<String> keys) {
        List<Phantom> out = new ArrayList<>();
        for (Served s : served) {
            if (kind.namespaced() && (s.namespace() == null || s.namespace().isEmpty())) {
                continue; // not an identity the cache could file under this kind
            }
            if (!keys.contains(kind.key(prefix, s.namespace(), s.name()))) {
                out.add(new Phantom(kind, kind.namespaced() ? s.namespace() : null, s.name(), s.uid()));
            }
        }
        return out;
    }

    /**
     * The phantoms of kind now: the API's list (served from the watch cache, consistent with etcd's current revision)
     * against etcd's keys, each candidate checked once more against its key, since an object created between the two
     * reads is listed but not yet among the keys read.
     */
    static List<Phantom> of(KubernetesClient client, EtcdStore store, String prefix, ResourceKind kind) {
        List<Served> served = client.genericKubernetesResources(kind.apiVersion(), kind.kind()).inAnyNamespace().list()
                .getItems().stream().map(ApiPhantoms::served).toList();
        Set<String> keys = new HashSet<>(store.keys(kind.keyPrefix(prefix, null)));
        return find(kind, prefix, served, keys).stream().filter(p -> store.get(p.key(prefix)).isEmpty()).toList();
    }

    /**
     * Removes a phantom from the watch cache: writes an object with its identity under its key and deletes that key.
     * The object written is the stored one with the phantom's UID if there is one (the renamed object itself),
     * else any stored object of the kind, renamed. False when the kind has no stored object to write or the key
     * holds an object by now.
     */
    static boolean purge(EtcdStore store, String prefix, Phantom p) {
        List<StoredObject> ofKind = store.list(p.kind().keyPrefix(prefix, null)).stream()
                .map(v -> CODEC.tryDecode(v.value())).flatMap(Optional::stream).toList();
        Optional<StoredObject> template = ofKind.stream().filter(o -> p.uid() != null && p.uid().equals(o.uid())).findFirst()
                .or(() -> ofKind.stream().findFirst());
        if (template.isEmpty()) {
            return false;
        }
        StoredObject o = template.get();
        if (!p.name().equals(o.name())) {
            o = FieldEditor.set(o, FieldPath.parse("metadata.name"), p.name());
        }
        if (p.kind().namespaced() && !p.namespace().equals(o.namespace())) {
            o = FieldEditor.set(o, FieldPath.parse("metadata.namespace"), p.namespace());
        }
        String key = p.key(prefix);
        // only while no key is there: an object created there since is real, and not ours to delete
        if (store.writeIfUnchanged(key, 0, CODEC.encode(o)).isEmpty()) {
            return false;
        }
        store.delete(key);
        return true;
    }

    /** A failed list in words: fabric8's own message is often only "An error has occurred." */
    static String describe(RuntimeException e) {
        if (e instanceof KubernetesClientException k) {
            String status = k.getStatus() == null || k.getStatus().getMessage() == null ? "" : ": " + k.getStatus().getMessage();
            return "HTTP " + k.getCode() + status + (k.getCause() == null ? "" : " (" + k.getCause().getMessage() + ")");
        }
        return e.toString();
    }

    private static Served served(GenericKubernetesResource r) {
        return new Served(r.getMetadata().getNamespace(), r.getMetadata().getName(), r.getMetadata().getUid());
    }
}
