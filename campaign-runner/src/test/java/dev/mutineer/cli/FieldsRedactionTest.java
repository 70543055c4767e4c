package dev.mutineer.cli;

import dev.mutineer.injector.fields.FieldRow;
import dev.mutineer.injector.fields.FieldsReport;
import dev.mutineer.injector.inject.Redaction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** `mutineer fields` against a Secret shows its data as the journal records it: a hash and a length. */
class FieldsRedactionTest {

    @Test
    void aSecretsDataIsShownAsItsTokenAndEverythingElseAsItIs() {
        FieldsReport stored = new FieldsReport("Secret", "/registry/secrets/vault/db", "v1", List.of(
                new FieldRow("metadata.name", "string", "db", ""),
                new FieldRow("data", "map", "1 entries", ""),
                new FieldRow("data[password]", "bytes", "UzNjcjN0", ""),
                new FieldRow("type", "string", "Opaque", "")));
        FieldsReport shown = FieldsCommand.redacted(stored);
        assertThat(shown.toTable() + shown.toJson()).doesNotContain("UzNjcjN0").contains(Redaction.token("UzNjcjN0"), "Opaque", "1 entries");
        FieldsReport configMap = new FieldsReport("ConfigMap", "k", "v1", List.of(new FieldRow("data[a]", "string", "plain", "")));
        assertThat(FieldsCommand.redacted(configMap)).isEqualTo(configMap);
    }
}
