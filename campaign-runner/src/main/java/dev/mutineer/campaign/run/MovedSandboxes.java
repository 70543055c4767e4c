package dev.mutineer.campaign.run;

import dev.mutineer.cluster.resource.ResourceKinds;
import dev.mutineer.injector.catalog.FieldCatalog;
import dev.mutineer.injector.catalog.FieldPath;
import dev.mutineer.injector.codec.StorageCodec;
import dev.mutineer.injector.codec.StoredObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Pods of the steady state whose sandbox a kubelet replaced since the save, and what the steady state must adopt
 * so that a restore stops writing their old IPs back.
 *
 * <p>A fault that ends a real pod's sandbox (a deleted pod, a killed container runtime) leaves a pod that a reset
 * restores by UID, but its kubelet runs it in a new sandbox with a new IP: no restore brings the old one back.
 * Measured (one real node, shop workload, delete of frontend pod t7rxd): the saved pod and EndpointSlice name
 * 10.244.1.6, the pod runs at 10.244.1.12 from then on, and every later reset wrote 10.244.1.6 back into the pod's
 * status and the frontend slice. kube-proxy then sent a third of the new connections to an address nobody holds
 * (TIMEOUT, and REFUSED once the neighbour entry failed: EHOSTUNREACH) for 1.5 to 3 s, until kubelet re-posted the
 * status and the EndpointSlice controller rewrote the slice; that rewrite is also what made each of those resets
 * restart kube-controller-manager at rest. So the pods whose IP moved, and with them the slices of their
 * namespaces, are adopted into the steady state once the cluster is at rest with no drift.
 */
final class MovedSandboxes {

    /** What to adopt: new values by key, and each pod that moved, in words. */
    record Adoption(Map<String, byte[]> values, List<String> moves) {

        boolean isEmpty() {
            return values.isEmpty();
        }
    }

    private MovedSandboxes() {
    }

    /**
     * @param savedUnder the saved values under a key prefix, by key
     * @param nowUnder   the values in etcd now under a key prefix, by key
     * @return the pods (same key, same UID) whose status.podIP is another non-empty one now, and when there are any,
     * every EndpointSlice of the namespaces whose value differs from the saved one (only where the slices' keys
     * are the saved ones: other keys are drift, not a move)
     */
    static Adoption of(String prefix, Collection<String> namespaces, Function<String, Map<String, byte[]>> savedUnder,
                       Function<String, Map<String, byte[]>> nowUnder) {
        StorageCodec codec = new StorageCodec();
        Map<String, byte[]> out = new TreeMap<>();
        List<String> moves = new ArrayList<>();
        for (String ns : namespaces) {
            String podPrefix = ResourceKinds.require("Pod").keyPrefix(prefix, ns);
            Map<String, byte[]> saved = savedUnder.apply(podPrefix);
            Map<String, byte[]> now = nowUnder.apply(podPrefix);
            saved.forEach((key, savedValue) -> {
                byte[] nowValue = now.get(key);
                if (nowValue == null || Arrays.equals(savedValue, nowValue)) {
                    return;
                }
                Optional<StoredObject> was = codec.tryDecode(savedValue);
                Optional<StoredObject> is = codec.tryDecode(nowValue);
                if (was.isEmpty() || is.isEmpty() || !was.get().uid().equals(is.get().uid())) {
                    return;
                }
                String from = podIP(was.get());
                String to = podIP(is.get());
                if (!from.isEmpty() && !to.isEmpty() && !from.equals(to)) {
                    out.put(key, nowValue);
                    moves.add("pod " + ns + "/" + is.get().name() + " moved from " + from + " to " + to);
                }
            });
        }
        if (out.isEmpty()) {
            return new Adoption(Map.of(), List.of());
        }
        for (String ns : namespaces) {
            String slicePrefix = ResourceKinds.require("EndpointSlice").keyPrefix(prefix, ns);
            Map<String, byte[]> saved = savedUnder.apply(slicePrefix);
            Map<String, byte[]> now = nowUnder.apply(slicePrefix);
            if (!saved.keySet().equals(now.keySet())) {
                continue;
            }
            now.forEach((key, value) -> {
                if (!Arrays.equals(saved.get(key), value)) {
                    out.put(key, value);
                }
            });
        }
        return new Adoption(out, List.copyOf(moves));
    }

    private static final FieldPath POD_IP = FieldPath.parse("status.podIP");

    /** status.podIP of a stored pod; empty when it has none or is not a pod. */
    static String podIP(StoredObject pod) {
        return FieldCatalog.find(pod, POD_IP).map(f -> String.valueOf(f.value())).orElse("");
    }
}
