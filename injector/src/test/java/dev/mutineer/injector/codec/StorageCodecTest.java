package dev.mutineer.injector.codec;

import dev.mutineer.injector.testing.Fixtures;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.V1;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class StorageCodecTest {

    private final StorageCodec codec = new StorageCodec();

    @Test
    void podDecodesAndEncodesToTheSameBytes() {
        byte[] stored = Fixtures.storedPod("web-1", "node-1");
        DecodeResult r = codec.decode(stored);
        assertThat(r).isInstanceOf(StoredObject.class);
        StoredObject o = (StoredObject) r;
        assertThat(o.format()).isEqualTo(StorageFormat.PROTOBUF);
        assertThat(o.apiVersion()).isEqualTo("v1");
        assertThat(o.kind()).isEqualTo("Pod");
        assertThat(o.name()).isEqualTo("web-1");
        assertThat(o.namespace()).isEqualTo("default");
        assertThat(((V1.Pod) o.message()).getSpec().getNodeName()).isEqualTo("node-1");
        assertThat(codec.encode(o)).isEqualTo(stored);
    }

    @Test
    void appsGroupTypeIsFoundByItsApiVersion() {
        byte[] stored = Fixtures.envelope("apps/v1", "Deployment", Fixtures.deployment("web", 3));
        StoredObject o = (StoredObject) codec.decode(stored);
        assertThat(o.kind()).isEqualTo("Deployment");
        assertThat(codec.encode(o)).isEqualTo(stored);
    }

    @Test
    void apiGroupsMapFromProtoPackages() {
        assertThat(ProtoTypes.apiVersionOf("k8s.io.api.core.v1")).isEqualTo("v1");
        assertThat(ProtoTypes.apiVersionOf("k8s.io.api.coordination.v1")).isEqualTo("coordination.k8s.io/v1");
        assertThat(ProtoTypes.apiVersionOf("k8s.io.api.rbac.v1")).isEqualTo("rbac.authorization.k8s.io/v1");
        assertThat(ProtoTypes.apiVersionOf("k8s.io.api.flowcontrol.v1")).isEqualTo("flowcontrol.apiserver.k8s.io/v1");
        assertThat(ProtoTypes.get().find("discovery.k8s.io/v1", "EndpointSlice")).isPresent();
        assertThat(ProtoTypes.get().find("coordination.k8s.io/v1", "Lease")).isPresent();
    }

    @Test
    void badMagicTruncationAndEmptyBodyAreCorruptWithAReason() {
        byte[] stored = Fixtures.storedPod("web-1", "node-1");
        byte[] badMagic = stored.clone();
        badMagic[1] = 'X';
        assertCorrupt(badMagic, "neither protobuf");
        assertCorrupt(Arrays.copyOf(stored, stored.length / 2), "EOF");
        assertCorrupt(new byte[]{'k', '8', 's', 0}, "empty body");
        assertCorrupt(new byte[0], "empty value");
    }

    @Test
    void knownFieldWithWrongWireTypeIsCorruptAsInGo() {
        // Pod.metadata is field 1, length-delimited (tag 0x0a). As a varint (tag 0x08) Go refuses it;
        // protobuf-java alone would keep it as an unknown field and "decode".
        byte[] raw = new byte[]{0x08, 0x01};
        assertCorrupt(withRaw(raw), "wrong wireType");
    }

    @Test
    void unknownFieldsAreSkippedAsInGo() {
        byte[] raw = concat(Fixtures.pod("web-1", "n").toByteArray(), new byte[]{(byte) 0xF8, 0x3F, 0x05}); // field 1023 varint 5
        assertThat(codec.decode(withRaw(raw))).isInstanceOf(StoredObject.class);
    }

    @Test
    void anInvalidQuantityMakesTheObjectUndecodable() {
        V1.Pod pod = Fixtures.pod("web-1", "n").toBuilder()
                .setSpec(Fixtures.pod("web-1", "n").getSpec().toBuilder().setContainers(0,
                        Fixtures.pod("web-1", "n").getSpec().getContainers(0).toBuilder().setResources(V1.ResourceRequirements.newBuilder()
                                .putRequests("cpu", Quantity.newBuilder().setString("1o0m").build()))))
                .build();
        assertCorrupt(Fixtures.envelope("v1", "Pod", pod), "quantities must match");
        assertThat(QuantitySyntax.valid("100m")).isTrue();
        assertThat(QuantitySyntax.valid("1.5Gi")).isTrue();
        assertThat(QuantitySyntax.valid("1e3")).isTrue();
        assertThat(QuantitySyntax.valid("-1")).isTrue();
        assertThat(QuantitySyntax.valid("1o0m")).isFalse();
        assertThat(QuantitySyntax.valid("")).isFalse();
    }

    @Test
    void unknownTypeIsUnsupportedNotCorrupt() {
        byte[] stored = Fixtures.envelope("v1", "Pnd", Fixtures.pod("web-1", "n"));
        DecodeResult r = codec.decode(stored);
        assertThat(r).isInstanceOfSatisfying(DecodeFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(DecodeFailure.Kind.UNSUPPORTED);
            assertThat(f.reason()).contains("Pnd");
        });
    }

    @Test
    void jsonCustomResourceRoundTripsWithGoEscaping() {
        String json = "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\",\"namespace\":\"default\","
                + "\"annotations\":{\"note\":\"a \\u003cb\\u003e \\u0026 c\"}},\"spec\":{\"size\":3,\"ratio\":0.5,\"big\":1e+21,\"on\":true,\"none\":null}}\n";
        byte[] stored = json.getBytes(StandardCharsets.UTF_8);
        StoredObject o = (StoredObject) codec.decode(stored);
        assertThat(o.format()).isEqualTo(StorageFormat.JSON);
        assertThat(o.kind()).isEqualTo("Widget");
        assertThat(o.name()).isEqualTo("w");
        assertThat(new String(codec.encode(o), StandardCharsets.UTF_8)).isEqualTo(json);
    }

    @Test
    void brokenJsonIsCorrupt() {
        assertCorrupt("{\"apiVersion\":\"v1\",\"kind\":".getBytes(StandardCharsets.UTF_8), "JSON");
        assertCorrupt("{\"apiVersion\":\"v1\"}".getBytes(StandardCharsets.UTF_8), "Kind");
    }

    private void assertCorrupt(byte[] value, String reasonPart) {
        DecodeResult r = codec.decode(value);
        assertThat(r).isInstanceOfSatisfying(DecodeFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(DecodeFailure.Kind.CORRUPT);
            assertThat(f.reason()).contains(reasonPart);
        });
    }

    private static byte[] withRaw(byte[] raw) {
        io.kubernetes.client.proto.Runtime.Unknown u = io.kubernetes.client.proto.Runtime.Unknown.newBuilder()
                .setTypeMeta(io.kubernetes.client.proto.Runtime.TypeMeta.newBuilder().setApiVersion("v1").setKind("Pod"))
                .setRaw(com.google.protobuf.ByteString.copyFrom(raw)).setContentEncoding("").setContentType("").build();
        return concat(StorageCodec.MAGIC, u.toByteArray());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
