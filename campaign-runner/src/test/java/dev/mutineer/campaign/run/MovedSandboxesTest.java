package dev.mutineer.campaign.run;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Runtime.TypeMeta;
import io.kubernetes.client.proto.Runtime.Unknown;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Discovery;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class MovedSandboxesTest {

    private static final String POD_KEY = "/registry/pods/shop/frontend-t7rxd";
    private static final String OTHER_POD_KEY = "/registry/pods/shop/frontend-v8f6t";
    private static final String SLICE_KEY = "/registry/endpointslices/shop/frontend-hsg7d";

    /** The measured case: the pod's kubelet gave it a new sandbox, 10.244.1.6 -> 10.244.1.12, and the slice followed. */
    @Test
    void aPodWithANewIpIsAdoptedWithTheSlicesOfItsNamespace() {
        Map<String, byte[]> saved = Map.of(POD_KEY, pod("frontend-t7rxd", "u-1", "10.244.1.6", 0),
                OTHER_POD_KEY, pod("frontend-v8f6t", "u-2", "10.244.1.4", 0),
                SLICE_KEY, slice("10.244.1.4", "10.244.1.6"));
        Map<String, byte[]> now = Map.of(POD_KEY, pod("frontend-t7rxd", "u-1", "10.244.1.12", 1),
                OTHER_POD_KEY, pod("frontend-v8f6t", "u-2", "10.244.1.4", 0),
                SLICE_KEY, slice("10.244.1.4", "10.244.1.12"));
        MovedSandboxes.Adoption a = adoption(saved, now);
        assertThat(a.values()).containsOnlyKeys(POD_KEY, SLICE_KEY);
        assertThat(a.values().get(POD_KEY)).isEqualTo(now.get(POD_KEY));
        assertThat(a.values().get(SLICE_KEY)).isEqualTo(now.get(SLICE_KEY));
        assertThat(a.moves()).containsExactly("pod shop/frontend-t7rxd moved from 10.244.1.6 to 10.244.1.12");
    }

    /** A status rewritten with the same IP (a restart count, a condition) is no move, and slices alone adopt nothing. */
    @Test
    void theSameIpOrASliceChangeAloneAdoptsNothing() {
        Map<String, byte[]> saved = Map.of(POD_KEY, pod("frontend-t7rxd", "u-1", "10.244.1.6", 0),
                SLICE_KEY, slice("10.244.1.6"));
        Map<String, byte[]> now = Map.of(POD_KEY, pod("frontend-t7rxd", "u-1", "10.244.1.6", 3),
                SLICE_KEY, slice());
        assertThat(adoption(saved, now).isEmpty()).isTrue();
    }

    /** Another UID under the key is another pod (drift), and a pod without an IP yet has not moved anywhere. */
    @Test
    void anotherUidOrNoIpIsNoMove() {
        Map<String, byte[]> saved = Map.of(POD_KEY, pod("frontend-t7rxd", "u-1", "10.244.1.6", 0));
        assertThat(adoption(saved, Map.of(POD_KEY, pod("frontend-t7rxd", "u-9", "10.244.1.12", 0))).isEmpty()).isTrue();
        assertThat(adoption(saved, Map.of(POD_KEY, pod("frontend-t7rxd", "u-1", "", 0))).isEmpty()).isTrue();
    }

    /** Slices under other keys than the saved ones are drift: the moved pod is adopted, those slices are not. */
    @Test
    void slicesUnderOtherKeysAreNotAdopted() {
        Map<String, byte[]> saved = Map.of(POD_KEY, pod("frontend-t7rxd", "u-1", "10.244.1.6", 0), SLICE_KEY, slice("10.244.1.6"));
        Map<String, byte[]> now = Map.of(POD_KEY, pod("frontend-t7rxd", "u-1", "10.244.1.12", 1),
                "/registry/endpointslices/shop/frontend-zz9", slice("10.244.1.12"));
        assertThat(adoption(saved, now).values()).containsOnlyKeys(POD_KEY);
    }

    private static MovedSandboxes.Adoption adoption(Map<String, byte[]> saved, Map<String, byte[]> now) {
        return MovedSandboxes.of("/registry", List.of("shop"), p -> under(saved, p), p -> under(now, p));
    }

    private static Map<String, byte[]> under(Map<String, byte[]> values, String prefix) {
        Map<String, byte[]> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static byte[] pod(String name, String uid, String ip, int restarts) {
        V1.PodStatus.Builder status = V1.PodStatus.newBuilder().setPhase("Running").setPodIP(ip)
                .addContainerStatuses(V1.ContainerStatus.newBuilder().setName("web").setRestartCount(restarts));
        if (!ip.isEmpty()) {
            status.addPodIPs(V1.PodIP.newBuilder().setIp(ip));
        }
        return envelope("v1", "Pod", V1.Pod.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("shop").setUid(uid))
                .setStatus(status).build());
    }

    private static byte[] slice(String... ips) {
        V1Discovery.EndpointSlice.Builder s = V1Discovery.EndpointSlice.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("frontend-hsg7d").setNamespace("shop").setUid("s-1"))
                .setAddressType("IPv4");
        for (String ip : ips) {
            s.addEndpoints(V1Discovery.Endpoint.newBuilder().addAddresses(ip));
        }
        return envelope("discovery.k8s.io/v1", "EndpointSlice", s.build());
    }

    private static byte[] envelope(String apiVersion, String kind, Message object) {
        Unknown u = Unknown.newBuilder().setTypeMeta(TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(object.toByteString()).setContentEncoding("").setContentType("").build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{'k', '8', 's', 0});
        out.writeBytes(u.toByteArray());
        return out.toByteArray();
    }
}
