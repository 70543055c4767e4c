package dev.mutineer.injector.catalog;

import dev.mutineer.injector.codec.StorageCodec;
import dev.mutineer.injector.codec.StoredObject;
import dev.mutineer.injector.testing.Fixtures;
import io.kubernetes.client.proto.V1;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldCatalogTest {

    private final StorageCodec codec = new StorageCodec();
    private final StoredObject pod = codec.tryDecode(Fixtures.storedPod("web-1", "node-1")).orElseThrow();

    @Test
    void listsNestedFieldsWithPathsTypesAndValues() {
        Map<String, Field> rows = FieldCatalog.of(pod).stream().collect(Collectors.toMap(f -> f.path().toString(), f -> f));
        assertThat(rows.get("spec.containers[0].image")).isEqualTo(new Field(FieldPath.parse("spec.containers[0].image"), FieldType.STRING, "nginx:1.27"));
        assertThat(rows.get("metadata.labels[app]").value()).isEqualTo("web");
        assertThat(rows.get("metadata.labels").type()).isEqualTo(FieldType.MAP);
        assertThat(rows.get("metadata.ownerReferences[0].uid").value()).isEqualTo(Fixtures.RS_UID);
        assertThat(rows.get("metadata.ownerReferences[0].controller").value()).isEqualTo(true);
        assertThat(rows.get("spec.containers").type()).isEqualTo(FieldType.LIST);
        assertThat(rows.get("spec.containers").value()).isEqualTo(1);
        assertThat(rows.get("spec.containers[0].resources.requests[cpu]")).satisfies(f -> {
            assertThat(f.type()).isEqualTo(FieldType.QUANTITY);
            assertThat(f.value()).isEqualTo("100m");
        });
        assertThat(rows.get("metadata.creationTimestamp").type()).isEqualTo(FieldType.TIMESTAMP);
        assertThat(rows.get("spec.terminationGracePeriodSeconds")).satisfies(f -> {
            assertThat(f.type()).isEqualTo(FieldType.INT64);
            assertThat(f.value()).isEqualTo(30L);
        });
        assertThat(rows.get("spec.containers[0].ports[0].containerPort").type()).isEqualTo(FieldType.INT32);
        assertThat(rows.get("spec.enableServiceLinks").type()).isEqualTo(FieldType.BOOL);
    }

    @Test
    void findWalkingThePathGivesTheCatalogRowForEveryFieldOfEveryStoredKind() {
        int checked = 0;
        for (Map.Entry<String, byte[]> sample : dev.mutineer.injector.testing.StoredSamples.all().entrySet()) {
            StoredObject o = codec.tryDecode(sample.getValue()).orElseThrow();
            Map<String, Field> firstByPath = new java.util.LinkedHashMap<>();
            FieldCatalog.of(o).forEach(f -> firstByPath.putIfAbsent(f.path().toString(), f));
            for (Map.Entry<String, Field> row : firstByPath.entrySet()) {
                assertThat(FieldCatalog.find(o, FieldPath.parse(row.getKey()))).as(sample.getKey() + " " + row.getKey())
                        .contains(row.getValue());
                checked++;
            }
        }
        assertThat(checked).as("rows checked").isGreaterThan(1000);
        for (String absent : List.of("spec.containers[1].image", "spec.containers[01].image", "metadata.labels[nope]",
                "metadata.labels.app", "spec.containers.image", "spec.nope", "spec.containers[0].image.x", "spec", "[0]",
                "spec.containers[0].resources")) {
            assertThat(FieldCatalog.find(pod, FieldPath.parse(absent))).as(absent).isEmpty();
        }
    }

    @Test
    void pathsParseAndPrintBack() {
        for (String p : List.of("spec.template.spec.containers[0].image", "metadata.labels[app]",
                "metadata.annotations[kubernetes.io/change-cause]", "status.capacity[cpu]")) {
            assertThat(FieldPath.parse(p).toString()).isEqualTo(p);
        }
        assertThat(FieldPath.parse("spec.containers[3].ports[1].name").pattern()).isEqualTo("spec.containers[*].ports[*].name");
        assertThat(FieldPath.parse("metadata.labels[app]").pattern()).isEqualTo("metadata.labels[app]");
        assertThatThrownBy(() -> FieldPath.parse("spec.containers[0")).hasMessageContaining("never closed");
    }

    @Test
    void editorChangesOneFieldAndLeavesTheOriginalAlone() {
        StoredObject changed = FieldEditor.set(pod, FieldPath.parse("spec.containers[0].image"), "nginx:broken");
        assertThat(((V1.Pod) changed.message()).getSpec().getContainers(0).getImage()).isEqualTo("nginx:broken");
        assertThat(((V1.Pod) pod.message()).getSpec().getContainers(0).getImage()).isEqualTo("nginx:1.27");

        StoredObject q = FieldEditor.set(pod, FieldPath.parse("spec.containers[0].resources.requests[cpu]"), "0");
        assertThat(FieldCatalog.find(q, FieldPath.parse("spec.containers[0].resources.requests[cpu]")).orElseThrow().value()).isEqualTo("0");

        StoredObject renamed = FieldEditor.apply(pod, FieldPath.parse("metadata.labels[app]"), new FieldEdit.RenameKey("apq"));
        assertThat(renamed.labels()).containsEntry("apq", "web").doesNotContainKey("app");

        StoredObject dup = FieldEditor.apply(pod, FieldPath.parse("spec.containers[0]"), new FieldEdit.Duplicate());
        assertThat(((V1.Pod) dup.message()).getSpec().getContainersCount()).isEqualTo(2);

        StoredObject dropped = FieldEditor.apply(pod, FieldPath.parse("metadata.ownerReferences[0]"), new FieldEdit.Remove());
        assertThat(((V1.Pod) dropped.message()).getMetadata().getOwnerReferencesCount()).isZero();

        assertThatThrownBy(() -> FieldEditor.set(pod, FieldPath.parse("spec.nodeNme"), "x")).hasMessageContaining("no field 'nodeNme'");
        assertThatThrownBy(() -> FieldEditor.set(pod, FieldPath.parse("spec.containers[5].image"), "x")).hasMessageContaining("outside the list");
    }

    @Test
    void jsonObjectsAreCataloguedAndEdited() {
        String json = "{\"apiVersion\":\"apiregistration.k8s.io/v1\",\"kind\":\"APIService\",\"metadata\":{\"name\":\"v1.apps\","
                + "\"labels\":{\"kube-aggregator.kubernetes.io/automanaged\":\"onstart\"}},\"spec\":{\"group\":\"apps\",\"groupPriorityMinimum\":17800,"
                + "\"versions\":[\"v1\"]}}\n";
        StoredObject o = codec.tryDecode(json.getBytes(StandardCharsets.UTF_8)).orElseThrow();
        Map<String, Field> rows = FieldCatalog.of(o).stream().collect(Collectors.toMap(f -> f.path().toString(), f -> f));
        assertThat(rows.get("spec.groupPriorityMinimum").value()).isEqualTo(17800L);
        assertThat(rows.get("metadata.labels[kube-aggregator.kubernetes.io/automanaged]").value()).isEqualTo("onstart");
        assertThat(rows.get("spec.versions[0]").value()).isEqualTo("v1");
        StoredObject changed = FieldEditor.set(o, FieldPath.parse("spec.groupPriorityMinimum"), 0L);
        assertThat(new String(codec.encode(changed), StandardCharsets.UTF_8)).isEqualTo(json.replace("17800", "0"));
    }
}
