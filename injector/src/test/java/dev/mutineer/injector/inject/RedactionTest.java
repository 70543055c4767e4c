package dev.mutineer.injector.inject;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    private static final String SECRET = Base64.getEncoder().encodeToString("hunter2-password".getBytes());

    private static FaultEvidence evidence(String fieldPath, String oldValue, String newValue, String description) {
        return new FaultEvidence("id1", "/registry/secrets/shop/db", Activation.INJECTED, "", 7, 8, fieldPath, oldValue, newValue,
                List.of(new FieldChange("data[password]", SECRET, ""), new FieldChange("metadata.labels[app]", "db", "dc")),
                true, "", true, ByteDiff.of("k8s\0hunter2-password".getBytes(), "k8s\0hunter3-password".getBytes()), 1,
                Instant.EPOCH, description, Map.of("field", "data[password]", "byte", "6", "bit", "0"));
    }

    @Test
    void aSecretsDataIsRecordedAsAHashAndLengthWithTheDescriptionKept() {
        FaultEvidence e = Redaction.of(evidence("data[password]", SECRET, "", "value empty on data[password] (was " + SECRET + ")"),
                "Secret", Sensitivity.SECRETS);
        assertThat(e.toString()).doesNotContain(SECRET, "hunter2", "68756e74657232" /* its hex */);
        assertThat(e.oldValue()).isEqualTo(Redaction.token(SECRET)).matches("\\[redacted sha256:[0-9a-f]{12} 24 chars]");
        assertThat(e.newValue()).isEmpty(); // emptied: that it is empty now is no secret
        assertThat(e.changes().get(0).before()).isEqualTo(Redaction.token(SECRET));
        assertThat(e.changes().get(1)).isEqualTo(new FieldChange("metadata.labels[app]", "db", "dc"));
        assertThat(e.description()).isEqualTo("value empty on data[password] (was " + Redaction.token(SECRET) + ")");
        assertThat(e.byteDiff().regions()).singleElement().satisfies(r -> assertThat(r.offset()).isEqualTo(10));
        assertThat(e.replayParameters()).containsEntry("byte", "6");
    }

    @Test
    void aMeaningBlindFlipOfASecretHidesItsBytes() {
        FaultEvidence e = Redaction.of(evidence("", "byte 10 = 0x32", "byte 10 = 0x33", "bit-flip bit 0 of byte 10"), "Secret",
                Sensitivity.SECRETS);
        assertThat(e.oldValue()).startsWith("[redacted sha256:");
        assertThat(e.description()).isEqualTo("bit-flip bit 0 of byte 10");
        assertThat(e.byteDiff().regions().get(0).before()).startsWith("[redacted");
    }

    @Test
    void otherKindsAndFieldsAreRecordedAsTheyAre() {
        FaultEvidence plain = evidence("spec.replicas", "3", "0", "value zero on spec.replicas");
        assertThat(Redaction.of(plain, "Deployment", Sensitivity.SECRETS)).isSameAs(plain);
        Sensitivity configData = new Sensitivity() {
            @Override
            public boolean covers(String kind, String fieldPath) {
                return kind.equals("ConfigMap") && fieldPath.startsWith("data[");
            }

            @Override
            public boolean anyIn(String kind) {
                return kind.equals("ConfigMap");
            }
        };
        FaultEvidence label = Redaction.of(evidence("metadata.labels[app]", "db", "dc", "value on metadata.labels[app]"),
                "ConfigMap", Sensitivity.SECRETS.or(configData));
        assertThat(label.oldValue()).isEqualTo("db");
        assertThat(label.changes().get(0).before()).startsWith("[redacted");
    }
}
