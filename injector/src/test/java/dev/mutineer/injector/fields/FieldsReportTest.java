package dev.mutineer.injector.fields;

import dev.mutineer.injector.codec.StorageCodec;
import dev.mutineer.injector.codec.StoredObject;
import dev.mutineer.injector.testing.StoredSamples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldsReportTest {

    @Test
    void schemaTableHasPathTypeAndDependencyColumns() {
        String table = FieldsReport.schema("pods").toTable();
        assertThat(table.lines().findFirst().orElseThrow()).isEqualTo("# Pod k8s.io.api.core.v1 (schema)");
        assertThat(table.lines().skip(1).findFirst().orElseThrow()).matches("PATH +TYPE +DEPENDENCY");
        assertThat(table).containsPattern("(?m)^spec\\.nodeName +string +name$")
                .containsPattern("(?m)^spec\\.containers\\[\\*\\]\\.image +string$")
                .containsPattern("(?m)^metadata\\.labels\\[KEY\\] +string +label$");
        assertThat(FieldsReport.schema("Deployment").toJson()).contains("\"path\" : \"spec.replicas\"", "\"type\" : \"int32\"");
    }

    @Test
    void objectTableShowsCurrentValues() {
        StoredObject pod = new StorageCodec().tryDecode(StoredSamples.get("Pod")).orElseThrow();
        String table = FieldsReport.of(pod, "/registry/pods/default/" + pod.name()).toTable();
        assertThat(table.lines().skip(1).findFirst().orElseThrow()).matches("PATH +TYPE +VALUE +DEPENDENCY");
        assertThat(table).containsPattern("(?m)^spec\\.nodeName +string +kwok-node-\\d +name$")
                .containsPattern("(?m)^spec\\.containers\\[0\\]\\.resources\\.requests\\[cpu\\] +quantity +100m$");
    }

    @Test
    void unknownKindsAndJsonKindsAreExplained() {
        assertThatThrownBy(() -> FieldsReport.schema("Podd")).hasMessageContaining("unknown kind 'Podd'");
        assertThatThrownBy(() -> FieldsReport.schema("apiservices")).hasMessageContaining("not stored as protobuf");
    }
}
