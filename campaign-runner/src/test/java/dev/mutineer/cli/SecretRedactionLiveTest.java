package dev.mutineer.cli;

import dev.mutineer.injector.inject.Redaction;
import dev.mutineer.results.Journal;
import dev.mutineer.results.JournalRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign whose only target is a Secret, on a real local cluster: a value fault on its data, a bit flip inside its
 * data and a meaning-blind bit flip. The Secret's bytes, their base64 and their hex appear in no results file (but the
 * copy of the user's own manifests, which `reproduce` applies) and in none of mutineer's output; the journal records
 * each changed value as the hash and length of {@link Redaction#token}.
 */
class SecretRedactionLiveTest {

    private static final String SECRET = "S3cr3t-Hunter2-passphrase";
    private static final String BASE64 = Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path tmp;

    @Test
    void secretDataReachesNoResultsFileAndNoLog() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("campaign"));
        Files.writeString(dir.resolve("workload.yaml"), """
                apiVersion: v1
                kind: Namespace
                metadata: {name: vault}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: db, namespace: vault}
                type: Opaque
                data:
                  password: %s
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app, namespace: vault}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: app}}
                  template:
                    metadata: {labels: {app: app}}
                    spec:
                      containers:
                        - name: app
                          image: registry.example/app:1
                          env: [{name: PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}]
                """.formatted(BASE64));
        Path file = Files.writeString(dir.resolve("campaign.yaml"), """
                name: secrets
                seed: 11
                workload: [workload.yaml]
                targets:
                  kinds: [Secret]
                  namespaces: [vault]
                sensitive: ["ConfigMap.data[*]"]
                faults:
                  - operator: value
                    sample: 1
                    parameters: {field: "data[password]"}
                  - operator: bit-flip
                    sample: 1
                    parameters: {field: "data[password]"}
                  - operator: bit-flip
                    sample: 1
                observationWindow: 3s
                settleTime: 1s
                goldenRuns: 1
                """);
        Path results = tmp.resolve("results");
        CliRun run = CliRun.of("run", file.toString(), "--out", results.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
        CliRun report = CliRun.of("report", results.toString());
        assertThat(report.code()).as(report.err()).isEqualTo(ExitCodes.OK);

        List<JournalRecord> records = Journal.read(results).records();
        assertThat(records).hasSize(3).allSatisfy(r -> assertThat(r.kind()).isEqualTo("Secret"));
        assertThat(records).anySatisfy(r -> assertThat(r.oldValue()).isEqualTo(Redaction.token(BASE64)));
        assertThat(records).filteredOn(JournalRecord::activated).isNotEmpty()
                .allSatisfy(r -> assertThat(r.oldValue() + r.newValue()).contains("[redacted sha256:"));

        List<String> forbidden = List.of(SECRET, BASE64, HexFormat.of().formatHex(SECRET.getBytes(StandardCharsets.UTF_8)),
                SECRET.substring(0, 12), BASE64.substring(0, 12));
        List<Path> checked = new ArrayList<>();
        try (Stream<Path> all = Files.walk(results)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                if (f.startsWith(results.resolve("campaign"))) {
                    continue; // the user's own manifests, copied for reproduce (0600)
                }
                checked.add(f);
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                assertThat(text).as(f.toString()).doesNotContain(forbidden);
            }
        }
        assertThat(checked.stream().map(p -> p.getFileName().toString()))
                .contains("journal.jsonl", "report.csv", "report.html", "baseline-default.json");
        assertThat(run.out() + run.err() + report.out() + report.err()).doesNotContain(forbidden);
    }

}
