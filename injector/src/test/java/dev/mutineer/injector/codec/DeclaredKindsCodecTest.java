package dev.mutineer.injector.codec;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import dev.mutineer.cluster.resource.ResourceKind;
import dev.mutineer.cluster.resource.ResourceKinds;
import dev.mutineer.injector.testing.Fixtures;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind declared in ResourceKinds is one the codec can find, decode and encode again. */
class DeclaredKindsCodecTest {

    private final StorageCodec codec = new StorageCodec();

    @Test
    void everyDeclaredProtobufKindRoundTripsThroughTheTypeLookup() {
        List<String> wrong = new ArrayList<>();
        for (ResourceKind k : ResourceKinds.all()) {
            if (k.storage() != ResourceKind.Storage.PROTOBUF) {
                continue;
            }
            Message type = ProtoTypes.get().of(k).orElse(null);
            if (type == null) {
                wrong.add(k.kind() + ": client-java-proto has no message " + k.protoType());
                continue;
            }
            Descriptor d = type.getDescriptorForType();
            String apiVersion = ProtoTypes.apiVersionOf(d.getFile().getPackage());
            if (!d.getName().equals(k.kind()) || !apiVersion.equals(k.apiVersion())) {
                wrong.add(k.kind() + ": " + k.protoType() + " is " + apiVersion + "/" + d.getName() + ", declared " + k.apiVersion());
            }
            if (ProtoTypes.get().find(k.apiVersion(), k.kind()).map(m -> m.getDescriptorForType() != d).orElse(true)) {
                wrong.add(k.kind() + ": the envelope's " + k.apiVersion() + "/" + k.kind() + " finds another type");
            }
            Message named = type.toBuilder().setField(d.findFieldByName("metadata"), ObjectMeta.newBuilder().setName("x").build()).build();
            byte[] stored = Fixtures.envelope(k.apiVersion(), k.kind(), named);
            DecodeResult decoded = codec.decode(stored);
            if (!(decoded instanceof StoredObject o) || !o.kind().equals(k.kind()) || !"x".equals(o.name())
                    || !java.util.Arrays.equals(codec.encode(o), stored)) {
                wrong.add(k.kind() + ": does not decode and encode to the same bytes: " + decoded);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyDeclaredJsonKindDecodesAsJson() {
        List<ResourceKind> json = ResourceKinds.all().stream().filter(k -> k.storage() == ResourceKind.Storage.JSON).toList();
        assertThat(json).extracting(ResourceKind::kind).contains("CustomResourceDefinition", "APIService");
        for (ResourceKind k : json) {
            byte[] stored = ("{\"apiVersion\":\"" + k.apiVersion() + "\",\"kind\":\"" + k.kind() + "\",\"metadata\":{\"name\":\"x\"}}\n")
                    .getBytes(StandardCharsets.UTF_8);
            StoredObject o = (StoredObject) codec.decode(stored);
            assertThat(o.format()).as(k.kind()).isEqualTo(StorageFormat.JSON);
            assertThat(o.kind()).isEqualTo(k.kind());
            assertThat(ProtoTypes.get().of(k)).isEmpty();
        }
    }
}
