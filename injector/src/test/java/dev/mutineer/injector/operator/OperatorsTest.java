package dev.mutineer.injector.operator;

import dev.mutineer.injector.catalog.FieldCatalog;
import dev.mutineer.injector.catalog.FieldPath;
import dev.mutineer.injector.fault.Fault;
import dev.mutineer.injector.fault.Faults;
import dev.mutineer.injector.codec.DecodeFailure;
import dev.mutineer.injector.codec.DecodeResult;
import dev.mutineer.injector.codec.StorageCodec;
import dev.mutineer.injector.codec.StoredObject;
import dev.mutineer.injector.inject.CatalogDiff;
import dev.mutineer.injector.inject.FieldChange;
import dev.mutineer.injector.testing.Fixtures;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperatorsTest {

    private final StorageCodec codec = new StorageCodec();
    private final byte[] podBytes = Fixtures.storedPod("web-1", "node-1");
    private final StoredObject pod = codec.tryDecode(podBytes).orElseThrow();
    private final Neighbours neighbours = Neighbours.of(List.of(
            decode(Fixtures.envelope("v1", "Node", Fixtures.node("node-1"))),
            decode(Fixtures.envelope("v1", "Node", Fixtures.node("node-2")))));

    @Test
    void operatorsAreKnownByTheirCampaignNames() {
        assertThat(Faults.atRest()).extracting(Fault::name).startsWith("bit-flip", "value", "dependency", "delete", "undecodable");
        assertThatThrownBy(() -> Faults.operator("bitflip")).hasMessageContaining("unknown operator 'bitflip'");
        assertThatThrownBy(() -> Faults.check("bit-flip", Map.of("bytes", "3"))).hasMessageContaining("no parameter 'bytes'");
    }

    @Test
    void bitFlipFlipsExactlyTheNamedBit() {
        Mutation m = apply("bit-flip", Map.of("byte", "10", "bit", "3"));
        assertThat(m.newValue()).hasSameSizeAs(podBytes);
        for (int i = 0; i < podBytes.length; i++) {
            assertThat(m.newValue()[i]).isEqualTo(i == 10 ? (byte) (podBytes[i] ^ 8) : podBytes[i]);
        }
    }

    @Test
    void bitFlipInsideAFieldChangesThatField() {
        Mutation m = apply("bit-flip", Map.of("field", "spec.nodeName", "byte", "0", "bit", "0"));
        StoredObject after = decode(m.newValue());
        assertThat(((V1.Pod) after.message()).getSpec().getNodeName()).isEqualTo("oode-1"); // 'n' ^ 1 = 'o'
        assertThat(CatalogDiff.diff(pod, after)).containsExactly(new FieldChange("spec.nodeName", "node-1", "oode-1"));
    }

    @Test
    void aBlindBitFlipRecordsWhereItLandedSoThatAReplayHitsTheSameFieldOfAnotherCopy() {
        int at = dev.mutineer.injector.codec.WireSpans.locate(podBytes, pod, FieldPath.parse("spec.nodeName")).orElseThrow().offset() + 2;
        Mutation recorded = apply("bit-flip", Map.of("byte", Integer.toString(at), "bit", "0"));
        assertThat(recorded.replayParameters()).isEqualTo(Map.of("field", "spec.nodeName", "byte", "2", "bit", "0"));

        // the same pod on another cluster: a longer name moves every later byte
        byte[] otherBytes = Fixtures.storedPod("web-1-on-another-cluster", "node-1");
        StoredObject other = decode(otherBytes);
        Mutation replayed = apply("bit-flip", other, otherBytes, recorded.replayParameters());
        assertThat(((V1.Pod) decode(replayed.newValue()).message()).getSpec().getNodeName()).isEqualTo("noee-1"); // 'd' ^ 1 = 'e'
        Mutation absolute = apply("bit-flip", other, otherBytes, Map.of("byte", Integer.toString(at), "bit", "0"));
        assertThat(codec.tryDecode(absolute.newValue()).map(o -> ((V1.Pod) o.message()).getSpec().getNodeName()))
                .as("the absolute byte lands elsewhere in the other copy").isNotEqualTo(java.util.Optional.of("noee-1"));

        // bytes no field holds keep their absolute index
        assertThat(apply("bit-flip", Map.of("byte", "1", "bit", "0")).replayParameters()).isEqualTo(Map.of("byte", "1", "bit", "0"));
    }

    @Test
    void bitFlipInsideAJsonFieldChangesThatField() {
        byte[] apiService = dev.mutineer.injector.testing.StoredSamples.get("APIService");
        StoredObject o = decode(apiService);
        // spec.version is "v1": flipping bit 0 of its first byte gives "w1"
        Mutation m = apply("bit-flip", o, apiService, Map.of("field", "spec.version", "byte", "0", "bit", "0"));
        assertThat(CatalogDiff.diff(o, decode(m.newValue()))).containsExactly(new FieldChange("spec.version", "v1", "w1"));
        Mutation priority = apply("bit-flip", o, apiService, Map.of("field", "spec.versionPriority", "byte", "0", "bit", "0"));
        assertThat(CatalogDiff.diff(o, codec.decode(priority.newValue()))).extracting(FieldChange::path).containsExactly("spec.versionPriority");
    }

    @Test
    void valueChangesAreTypeAware() {
        byte[] deployment = Fixtures.envelope("apps/v1", "Deployment", Fixtures.deployment("web", 3));
        StoredObject d = decode(deployment);
        assertThat(replicas(apply("value", d, deployment, Map.of("field", "spec.replicas", "change", "zero")))).isZero();
        assertThat(replicas(apply("value", d, deployment, Map.of("field", "spec.replicas", "change", "max")))).isEqualTo(Integer.MAX_VALUE);
        assertThat(replicas(apply("value", d, deployment, Map.of("field", "spec.replicas", "change", "increment")))).isEqualTo(4);

        Mutation cpu = apply("value", Map.of("field", "spec.containers[0].resources.requests[cpu]", "change", "huge"));
        assertThat(cpu.newValueText()).isEqualTo("8Ei");
        assertThat(codec.decode(cpu.newValue()).decoded()).isTrue();

        Mutation policy = apply("value", Map.of("field", "spec.restartPolicy", "change", "enum-other"));
        assertThat(policy.newValueText()).isIn("OnFailure", "Never");

        Mutation flag = apply("value", Map.of("field", "spec.enableServiceLinks"));
        assertThat(((V1.Pod) decode(flag.newValue()).message()).getSpec().getEnableServiceLinks()).isFalse();

        Mutation empty = apply("value", Map.of("field", "spec.containers", "change", "empty"));
        assertThat(((V1.Pod) decode(empty.newValue()).message()).getSpec().getContainersCount()).isZero();

        assertThatThrownBy(() -> apply("value", Map.of("field", "spec.restartPolicy", "change", "max")))
                .isInstanceOf(NotApplicableException.class).hasMessageContaining("does not apply");
    }

    @Test
    void randomValueChangesAlwaysDecodeAndChangeSomething() {
        for (long seed = 0; seed < 300; seed++) {
            Mutation m = Faults.operator("value").apply(new OperatorInput(podBytes, pod, Map.of(), new Random(seed), neighbours));
            DecodeResult after = codec.decode(m.newValue());
            // a quantity set to an invalid literal is the only way a value change could break decoding; none of ours do
            assertThat(after.decoded()).as(m.description()).isTrue();
            assertThat(CatalogDiff.diff(pod, after)).as(m.description()).isNotEmpty();
        }
    }

    @Test
    void dependencyPointsAtNothingAnotherObjectOrItself() {
        Mutation nothing = apply("dependency", Map.of("field", "spec.nodeName", "to", "nothing"));
        assertThat(nothing.newValueText()).startsWith("mutineer-missing-");
        Mutation other = apply("dependency", Map.of("field", "spec.nodeName", "to", "other"));
        assertThat(other.newValueText()).isEqualTo("node-2");
        Mutation self = apply("dependency", Map.of("field", "metadata.ownerReferences[0].uid", "to", "self"));
        assertThat(self.newValueText()).isEqualTo(Fixtures.POD_UID);
        Mutation removed = apply("dependency", Map.of("field", "metadata.ownerReferences[0].uid", "to", "remove"));
        assertThat(((V1.Pod) decode(removed.newValue()).message()).getMetadata().getOwnerReferencesCount()).isZero();
        Mutation flag = apply("dependency", Map.of("field", "metadata.ownerReferences[0].controller", "to", "other"));
        assertThat(flag.newValueText()).isEqualTo("false");
        assertThatThrownBy(() -> apply("dependency", Map.of("field", "spec.restartPolicy")))
                .isInstanceOf(NotApplicableException.class);
        // no other ReplicaSet exists to point the owner reference at
        assertThatThrownBy(() -> apply("dependency", Map.of("field", "metadata.ownerReferences[0].name", "to", "other")))
                .isInstanceOf(NotApplicableException.class).hasMessageContaining("no other ReplicaSet");
    }

    @Test
    void dependencyCatalogCoversTheLinksOfEachKind() {
        assertThat(DependencyOperator.dependencyFields(pod).stream().map(f -> f.path().toString()))
                .contains("spec.nodeName", "spec.serviceAccountName", "metadata.labels[app]", "metadata.ownerReferences[0].uid",
                        "metadata.ownerReferences[0].name", "metadata.ownerReferences[0].kind", "metadata.ownerReferences[0].controller",
                        "metadata.namespace");
        StoredObject service = decode(Fixtures.envelope("v1", "Service", Fixtures.service("web", "web")));
        assertThat(DependencyOperator.dependencyFields(service).stream().map(f -> f.path().toString())).contains("spec.selector[app]");
        StoredObject deployment = decode(Fixtures.envelope("apps/v1", "Deployment", Fixtures.deployment("web", 3)));
        assertThat(DependencyOperator.dependencyFields(deployment).stream().map(f -> f.path().toString()))
                .contains("spec.selector.matchLabels[app]", "spec.template.metadata.labels[app]");
    }

    @Test
    void undecodableModesAllBreakDecoding() {
        for (String how : List.of("truncate", "bad-magic", "bad-length")) {
            Mutation m = apply("undecodable", Map.of("how", how));
            assertThat(codec.decode(m.newValue())).as(how).isInstanceOfSatisfying(DecodeFailure.class,
                    f -> assertThat(f.kind()).isEqualTo(DecodeFailure.Kind.CORRUPT));
        }
        Mutation badLength = apply("undecodable", Map.of("how", "bad-length"));
        assertThat(badLength.newValue()).hasSameSizeAs(podBytes);
    }

    @Test
    void deleteAsksForTheKeyToGo() {
        assertThat(apply("delete", Map.of()).deletes()).isTrue();
    }

    @Test
    void theSameSeedGivesTheSameMutation() {
        for (String op : List.of("bit-flip", "value", "dependency")) {
            Mutation a = Faults.operator(op).apply(new OperatorInput(podBytes, pod, Map.of(), new Random(42), neighbours));
            Mutation b = Faults.operator(op).apply(new OperatorInput(podBytes, pod, Map.of(), new Random(42), neighbours));
            assertThat(a.newValue()).as(op).isEqualTo(b.newValue());
        }
    }

    private Mutation apply(String op, Map<String, String> params) {
        return apply(op, pod, podBytes, params);
    }

    private Mutation apply(String op, StoredObject o, byte[] bytes, Map<String, String> params) {
        return Faults.operator(op).apply(new OperatorInput(bytes, o, params, new Random(7), neighbours));
    }

    private int replicas(Mutation m) {
        return ((V1Apps.Deployment) decode(m.newValue()).message()).getSpec().getReplicas();
    }

    private StoredObject decode(byte[] b) {
        return codec.tryDecode(b).orElseThrow(() -> new AssertionError(codec.decode(b)));
    }

    @SuppressWarnings("unused")
    private static String field(StoredObject o, String path) {
        return String.valueOf(FieldCatalog.find(o, FieldPath.parse(path)).orElseThrow().value());
    }
}
