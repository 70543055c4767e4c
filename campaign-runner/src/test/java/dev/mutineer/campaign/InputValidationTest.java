package dev.mutineer.campaign;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The loader's refusals of malformed input: each named in words, with its line, all at once. */
class InputValidationTest {

    private static final String CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: x}\n";
    private static final String BASE = "name: x\nworkload: [app.yaml]\nfaults: [{operator: value, sample: 1}]\n";

    @TempDir
    Path dir;

    private List<String> problems(String campaign) throws IOException {
        return problems(campaign.getBytes(StandardCharsets.UTF_8), CONFIG_MAP);
    }

    private List<String> problems(byte[] campaign, String manifest) throws IOException {
        Files.writeString(dir.resolve("app.yaml"), manifest);
        Path file = dir.resolve("c.yaml");
        Files.write(file, campaign);
        return catchThrowableOfType(CampaignException.class, () -> new CampaignLoader().load(file))
                .problems().stream().map(p -> (p.line() > 0 ? p.line() + ": " : "") + (p.field().isEmpty() ? "" : p.field() + ": ") + p.message()).toList();
    }

    @Test
    void aBadSampleNoLongerHidesTheOtherProblems() throws IOException {
        assertThat(problems("name: x\nworkload: [app.yaml]\nfaults: [{operator: value, sample: ten}]\nobservationWindow: nope\n"
                + "repetitions: 0\nseed: 1.5\ncluster: {nodes: 3.5}\n"))
                .hasSize(5)
                .anyMatch(p -> p.startsWith("3: faults[0].sample: expected 'exhaustive'"))
                .anyMatch(p -> p.startsWith("4: observationWindow: 'nope' is not a duration"))
                .anyMatch(p -> p.startsWith("5: repetitions: must be at least 1"))
                .contains("6: seed: '1.5' is not a whole number", "7: cluster.nodes: '3.5' is not a whole number");
    }

    @Test
    void numbersAndDurationsHaveBoundsAndNeverOverflow() throws IOException {
        assertThat(problems(BASE + "observationWindow: 9223372036854775807s\nsettleTime: 9223372036854775807h\n"
                + "seed: 99999999999999999999\nrepetitions: 1001\ngoldenRuns: 99999999999\nreset: 1\n"))
                .contains("4: observationWindow: must be at most 24h, got 2562047788015215h30m7s",
                        "5: settleTime: '9223372036854775807h' is too long (at most 24h)",
                        "6: seed: '99999999999999999999' is out of range (-9223372036854775808 to 9223372036854775807)",
                        "7: repetitions: must be at most 1000, got 1001",
                        "8: goldenRuns: '99999999999' is out of range (-2147483648 to 2147483647)")
                .anyMatch(p -> p.startsWith("9: reset: "));
        assertThat(problems(BASE.replace("sample: 1", "sample: 100001"))).singleElement().asString()
                .contains("faults[0].sample: must be at most 100000");
    }

    @Test
    void aTopLevelThatIsNotAMappingAndAliasesAreRefusedInWords() throws IOException {
        for (String text : List.of("---\n", "~\n", "- a\n- b\n", "hello\n")) {
            assertThat(problems(text)).singleElement().asString().startsWith("the file holds ").contains("not a campaign");
        }
        assertThat(problems(BASE.replace("name: x", "name: *nope"))).containsExactly("1: name: alias *nope refers to no anchor (&nope) before it");
        assertThat(problems(BASE.replace("[app.yaml]", "[\"a\\0b\"]"))).containsExactly("2: workload[0]: the path holds a NUL character, which no file name can");
    }

    @Test
    void oversizedEndlessAndBlockingInputsAreRefusedBeforeReading() throws IOException {
        Path big = dir.resolve("big.yaml");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(InputFiles.MAX_CAMPAIGN_BYTES + 1);
        }
        assertThat(catchThrowableOfType(CampaignException.class, () -> new CampaignLoader().load(big)).getMessage())
                .endsWith("larger than the limit of 1 MiB for a campaign file");
        assertThat(catchThrowableOfType(CampaignException.class, () -> new CampaignLoader().load(Path.of("/dev/zero"))).getMessage())
                .contains("is not a regular file");
        assertThat(problems(BASE + "targets: {names: ['" + "a".repeat(InputFiles.MAX_LINE_CHARS) + "']}\n"))
                .singleElement().asString().startsWith("4: line 4 is").contains("more than the limit of 262144");
        assertThat(problems(("name: x\u00ff\n" + BASE).getBytes(StandardCharsets.ISO_8859_1), CONFIG_MAP))
                .containsExactly("1: not UTF-8 text: byte 8 (0xff) is not part of a UTF-8 character; save the file as UTF-8");
    }

    @Test
    void manifestsAreCheckedOfflineForKindsNamesDuplicateKeysAndEmptiness() throws IOException {
        byte[] campaign = BASE.getBytes(StandardCharsets.UTF_8);
        assertThat(problems(campaign, "apiVersion: v1\nkind: ConfigMapp\nmetadata: {name: c}\n"))
                .singleElement().asString().startsWith("1: document 1.kind: unknown kind 'ConfigMapp'; did you mean 'ConfigMap'?");
        assertThat(problems(campaign, "apiVersion: apps/v2\nkind: Deployment\nmetadata: {name: d}\n"))
                .containsExactly("1: document 1.apiVersion: kind Deployment is served as apps/v1, not 'apps/v2'");
        assertThat(problems(campaign, "apiVersion: v1\nkind: ConfigMap\nmetadata: {namespace: x}\n"))
                .containsExactly("1: document 1.metadata.name: missing");
        assertThat(problems(campaign, CONFIG_MAP + "kind: Secret\n")).singleElement().asString()
                .startsWith("4: not valid YAML: Duplicate field 'kind'");
        assertThat(problems(campaign, "---\n---\n")).singleElement().asString()
                .contains("workload: the manifests declare no objects (0 objects)");
        // A kind a CustomResourceDefinition of the workload defines is known, at the versions it defines.
        String crd = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\n"
                + "spec: {group: example.com, names: {kind: Widget}, versions: [{name: v1}]}\n---\n";
        assertThat(problems(campaign, crd + "apiVersion: example.com/v2\nkind: Widget\nmetadata: {name: w}\n"))
                .containsExactly("6: document 2.apiVersion: kind Widget is served as example.com/v1, not 'example.com/v2'");
        Files.writeString(dir.resolve("app.yaml"), crd + "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n");
        Files.write(dir.resolve("c.yaml"), campaign);
        assertThat(WorkloadManifests.objects(List.of(dir.resolve("app.yaml")))).hasSize(2);
    }
}
