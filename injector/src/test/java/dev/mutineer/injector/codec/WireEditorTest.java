package dev.mutineer.injector.codec;

import dev.mutineer.injector.catalog.FieldEditor;
import dev.mutineer.injector.catalog.FieldPath;
import dev.mutineer.injector.testing.StoredSamples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Splicing a value into the stored bytes gives exactly what decoding, editing and encoding the object gives. */
class WireEditorTest {

    private final StorageCodec codec = new StorageCodec();

    @Test
    void splicingEqualsTheObjectPathOnRealObjects() {
        same("Pod", "spec.containers[0].image", "nginx:1.28");
        same("Pod", "spec.nodeName", "");
        same("Pod", "metadata.labels[app]", "web-but-a-much-longer-label-value");
        same("Pod", "spec.containers[0].resources.requests[cpu]", "8Ei");
        same("Pod", "spec.terminationGracePeriodSeconds", Long.MAX_VALUE);
        same("Pod", "spec.enableServiceLinks", false);
        same("Deployment", "spec.replicas", -1);
        same("Deployment", "spec.replicas", 0);
        // a long value grows the length varints of every enclosing message and of the envelope
        same("Deployment", "spec.template.spec.containers[0].image", "x".repeat(20_000));
        same("Node", "status.capacity[cpu]", "0");
    }

    @Test
    void absentOrNonScalarFieldsAreLeftToTheObjectPath() {
        byte[] pod = StoredSamples.get("Pod");
        StoredObject o = codec.tryDecode(pod).orElseThrow();
        assertThat(WireEditor.set(pod, o.message().getDescriptorForType(), FieldPath.parse("spec.activeDeadlineSeconds"), 5L)).isEmpty(); // a nil pointer in Go: absent
        assertThat(WireEditor.set(pod, o.message().getDescriptorForType(), FieldPath.parse("spec.containers[0]"), "x")).isEmpty();
        assertThat(WireEditor.set(pod, o.message().getDescriptorForType(), FieldPath.parse("spec.containers[7].image"), "x")).isEmpty();
        assertThat(WireEditor.set(pod, o.message().getDescriptorForType(), FieldPath.parse("metadata.labels[nope]"), "x")).isEmpty();
    }

    private void same(String kind, String path, Object value) {
        byte[] stored = StoredSamples.get(kind);
        StoredObject o = codec.tryDecode(stored).orElseThrow();
        FieldPath p = FieldPath.parse(path);
        byte[] spliced = WireEditor.set(stored, o.message().getDescriptorForType(), p, value).orElseThrow(() -> new AssertionError(path));
        assertThat(spliced).as(kind + " " + path).isEqualTo(codec.encode(FieldEditor.set(o, p, value)));
    }
}
