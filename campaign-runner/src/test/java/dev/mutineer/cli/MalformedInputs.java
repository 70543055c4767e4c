package dev.mutineer.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded generator of campaign files and workload manifests that must each be refused: type swaps,
 * out-of-range and fractional numbers, bad durations and parameter values, wrong top-level types,
 * truncations and byte-level damage (bad UTF-8, NUL) of the example campaigns, and broken manifests.
 * Every case is wrong by construction, so "refused" is the only right answer.
 */
final class MalformedInputs {

    /** One malformed input: the campaign file's bytes and the manifests written next to it (name to bytes). */
    record Case(String label, byte[] campaign, Map<String, byte[]> manifests) {
        static Case of(String label, String campaign) {
            return new Case(label, campaign.getBytes(StandardCharsets.UTF_8), Map.of());
        }
    }

    /** A valid campaign on the example workload: each case damages one thing of it. */
    static final String BASE = "name: base\nworkload: [workloads/]\nfaults: [{operator: value, sample: 1}]\n";
    /** The same on a single manifest, m.yaml, that manifest cases replace. */
    private static final String ON_MANIFEST = "name: base\nworkload: [m.yaml]\nfaults: [{operator: value, sample: 1}]\n";
    private static final String CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shop}\n";
    private static final String CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              names: {kind: Widget, plural: widgets}
              scope: Namespaced
              versions: [{name: v1, served: true, storage: true}]
            """;

    private static final Map<String, List<String>> BAD_VALUES = new LinkedHashMap<>();

    static {
        BAD_VALUES.put("name", List.of("''", "'a b'", "[a]", "{a: 1}", "*nope", "'../x'"));
        BAD_VALUES.put("seed", List.of("1.5", "99999999999999999999", "ten", "[1]", "{a: 1}", "1e400", "-0.5", "*s"));
        BAD_VALUES.put("cluster", List.of("{nodes: 3.5}", "{nodes: 0}", "{nodes: 99999999999}", "{nodes: 6000}",
                "{backend: kinnd}", "{nodes: ten}", "5", "[a]", "{backend: kind, nodes: 2}", "{kubernetesVersion: 2.0}",
                "{featureGates: {bad-gate: true}}", "{featureGates: {Gate: maybe}}", "{nodez: 3}"));
        BAD_VALUES.put("observationWindow", List.of("9223372036854775807s", "0s", "-5s", "30", "ten", "25h",
                "9223372036854775807h", "1.5s", "[30s]", "{a: 1}", "99999999999999999999999s", "''"));
        BAD_VALUES.put("settleTime", List.of("9223372036854775807s", "-1s", "10", "25h", "9223372036854775807h", "x", "[1s]"));
        BAD_VALUES.put("goldenRuns", List.of("0", "-1", "1001", "2.5", "99999999999", "x", "[1]"));
        BAD_VALUES.put("repetitions", List.of("0", "-3", "1001", "1.5", "9223372036854775808", "many", "{a: 1}"));
        BAD_VALUES.put("reset", List.of("nonsense", "[a]", "1", "restart"));
        BAD_VALUES.put("targets", List.of("{kinds: [Podd]}", "{namespaces: [Bad_NS]}", "{fields: ['']}", "{names: ['']}",
                "[Pod]", "{kind: [Pod]}", "pods"));
        BAD_VALUES.put("workload", List.of("[]", "['']", "[missing.yaml]", "[\"a\\0b\"]", "[/dev/zero]", "[/dev/null]",
                "[fifo]", "[empty-dir]", "{a: 1}", "[[a]]"));
        BAD_VALUES.put("faults", List.of("[]", "[{operator: nope, sample: 1}]", "[{operator: value, sample: ten}]",
                "[{operator: value, sample: 0}]", "[{operator: value, sample: 3.5}]", "[{operator: value, sample: 99999999999}]",
                "[{operator: value, sample: 200000}]", "[{operator: value}]", "[{sample: 1}]", "[{operator: latency, sample: 2}]",
                "[{operator: value, sample: '99999999999999'}]", "[{operator: value, sample: [1]}]",
                "[{operator: value, sample: 1, parameters: {nonsense: 1}}]", "[{operator: value, sample: 1, parameters: {with: nonsense}}]",
                "[{operator: latency, sample: 1, parameters: {delay: -5s}}]", "[{operator: latency, sample: 1, parameters: {delay: 9223372036854775807h}}]",
                "[{operator: bit-flip, sample: 1, parameters: {bit: 99}}]", "[{operator: value, sample: 1, parameters: {probability: 1.5}}]",
                "[{operator: value, sample: 1, parameters: [a]}]", "nope", "{operator: value}"));
        BAD_VALUES.put("variants", List.of("[{name: a}]", "[{name: a}, {name: a}]", "[{nodes: 2}, {name: b}]", "x", "[{name: 'a b'}, {name: b}]"));
    }

    private static final List<String> TOP_LEVEL = List.of("---", "~", "null", "- a\n- b", "hello", "42", "[]", "true",
            "'text'", "", "   \n\n", "# only a comment\n", "--- \n...\n", "!!binary AAAA", "{", "name: [", "\t- a", "key: value: other",
            "name: x\nname: y\n", "&a name: *a\n");

    private MalformedInputs() {
    }

    /** Every case, the same for the same seed. {@code examples} are the example campaigns' texts. */
    static List<Case> generate(long seed, List<String> examples) {
        Random random = new Random(seed);
        List<Case> cases = new ArrayList<>();
        BAD_VALUES.forEach((field, values) -> values.forEach(v ->
                cases.add(Case.of("base " + field + ": " + v, withField(BASE, field, v)))));
        TOP_LEVEL.forEach(t -> cases.add(Case.of("top level " + t.strip(), t)));
        for (int e = 0; e < examples.size(); e++) {
            String example = examples.get(e);
            int faults = example.indexOf("\nfaults:");
            for (int i = 0; i < 10; i++) {
                // Cut before 'faults:' so the file is never complete.
                int cut = random.nextInt(Math.max(1, faults));
                cases.add(Case.of("example " + e + " truncated at " + cut, example.substring(0, cut)));
            }
            for (int i = 0; i < 8; i++) {
                byte[] b = example.getBytes(StandardCharsets.UTF_8);
                int at = random.nextInt(b.length);
                byte[] damaged = new byte[b.length + 1];
                System.arraycopy(b, 0, damaged, 0, at);
                damaged[at] = (byte) (0x80 + random.nextInt(0x40)); // a continuation byte alone is never UTF-8
                System.arraycopy(b, at, damaged, at + 1, b.length - at);
                cases.add(new Case("example " + e + " bad UTF-8 at " + at, damaged, Map.of()));
            }
            for (int i = 0; i < 4; i++) {
                int at = random.nextInt(example.length());
                cases.add(Case.of("example " + e + " NUL at " + at, example.substring(0, at) + '\0' + example.substring(at)));
            }
            List<String> keys = List.copyOf(BAD_VALUES.keySet());
            for (int i = 0; i < 6; i++) {
                String field = keys.get(random.nextInt(keys.size()));
                List<String> values = BAD_VALUES.get(field);
                String v = values.get(random.nextInt(values.size()));
                cases.add(Case.of("example " + e + " " + field + ": " + v, withField(example, field, v)));
            }
            cases.add(Case.of("example " + e + " operator typo", example.replaceFirst("operator: ([a-z-]+)", "operator: $1x")));
            cases.add(Case.of("example " + e + " sample swapped", example.replaceFirst("sample: \\S+", "sample: [ten]")));
            cases.add(Case.of("example " + e + " name twice", example + "\nname: again\n"));
        }
        cases.add(Case.of("campaign over 1 MiB", BASE + "# " + "x".repeat(200) + "\n" + ("#" + "y".repeat(1000) + "\n").repeat(1100)));
        cases.add(Case.of("line over 256 KiB", BASE + "targets: {names: ['" + "a".repeat(300_000) + "']}\n"));
        cases.add(Case.of("300-digit seed", BASE + "seed: " + "9".repeat(300) + "\n"));
        cases.add(Case.of("deep nesting", BASE + "targets: " + "[".repeat(5000) + "]".repeat(5000) + "\n"));
        cases.add(Case.of("many problems", "name: 'a b'\nseed: 1.5\nworkload: []\nfaults: [{operator: value, sample: ten}]\n"
                + "observationWindow: 9223372036854775807s\nrepetitions: 0\n"));
        // Outside the campaign's directory tree (confined unless --allow-outside), and sensitive entries that are no field.
        cases.add(Case.of("workload absolute path", BASE.replace("workloads/", "/etc/hostname")));
        cases.add(Case.of("workload .. escape", BASE.replace("workloads/", "../../../etc/hostname")));
        cases.add(Case.of("workload .. escape through a directory", BASE.replace("workloads/", "workloads/../../outside.yaml")));
        cases.add(Case.of("workload absolute path to a directory", BASE.replace("workloads/", "/etc/")));
        for (String s : List.of("Nope.data[*]", "ConfigMap", "ConfigMap.", ".data", "configmap.data[*]", "ConfigMap.data[*", "''")) {
            cases.add(Case.of("sensitive: " + s, BASE + "sensitive: [" + s + "]\n"));
        }
        manifests(random, cases);
        return cases;
    }

    private static void manifests(Random random, List<Case> cases) {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("unknown kind", "apiVersion: v1\nkind: ConfigMapp\nmetadata: {name: c}\n");
        bad.put("wrong apiVersion", "apiVersion: apps/v2\nkind: Deployment\nmetadata: {name: d}\n");
        bad.put("core kind in apps", "apiVersion: apps/v1\nkind: ConfigMap\nmetadata: {name: c}\n");
        bad.put("missing name", "apiVersion: v1\nkind: ConfigMap\nmetadata: {namespace: x}\n");
        bad.put("missing kind", "apiVersion: v1\nmetadata: {name: c}\n");
        bad.put("missing apiVersion", "kind: ConfigMap\nmetadata: {name: c}\n");
        bad.put("name is a list", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [a]}\n");
        bad.put("duplicate key", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nkind: Secret\n");
        bad.put("duplicate nested key", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, name: d}\n");
        bad.put("empty file", "");
        bad.put("only separators", "---\n---\n");
        bad.put("a list", "- apiVersion: v1\n  kind: ConfigMap\n");
        bad.put("a scalar", "hello\n");
        bad.put("alias to nothing", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: *n}\n");
        bad.put("bad YAML", "apiVersion: v1\nkind: [ConfigMap\n");
        bad.put("custom kind without CRD", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n");
        bad.put("custom kind at an undefined version", CRD + "---\napiVersion: example.com/v2\nkind: Widget\nmetadata: {name: w}\n");
        bad.put("NUL", CONFIG_MAP + "data: {a: \"b\0\"}\n");
        bad.put("long line", CONFIG_MAP + "data: {a: " + "z".repeat(300_000) + "}\n");
        bad.put("second object broken", CONFIG_MAP + "---\napiVersion: v1\nkind: Secrett\nmetadata: {name: s}\n");
        // Broken at the very end, so everything before is parsed: the slowest refusal below the size limit, and one above.
        String configMaps = (CONFIG_MAP.replace("name: c", "name: c%d") + "data: {k: '" + "x".repeat(1000) + "'}\n---\n");
        bad.put("broken at the end of 1.9 MiB", bulk(configMaps, (2 << 20) - (100 << 10)) + "apiVersion: v1\nkind: Nonsense\nmetadata: {name: n}\n");
        bad.put("broken at the end of 15 MiB", bulk(configMaps, 15 << 20) + "apiVersion: v1\nkind: Nonsense\nmetadata: {name: n}\n");
        bad.forEach((label, text) -> cases.add(new Case("manifest " + label, ON_MANIFEST.getBytes(StandardCharsets.UTF_8),
                Map.of("m.yaml", text.getBytes(StandardCharsets.UTF_8)))));
        for (int i = 0; i < 6; i++) {
            byte[] b = (CONFIG_MAP + "data: {a: b}\n").getBytes(StandardCharsets.UTF_8);
            int at = random.nextInt(b.length);
            b[at] = (byte) (0xf8 + random.nextInt(8)); // never a UTF-8 lead byte
            cases.add(new Case("manifest bad UTF-8 at " + at, ON_MANIFEST.getBytes(StandardCharsets.UTF_8), Map.of("m.yaml", b)));
        }
        for (int i = 0; i < 6; i++) {
            // A valid manifest truncated inside its kind or name leaves a kind or name the cluster does not know, or none.
            String text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n";
            int cut = 1 + random.nextInt(text.indexOf("metadata") - 1);
            cases.add(new Case("manifest truncated at " + cut, ON_MANIFEST.getBytes(StandardCharsets.UTF_8),
                    Map.of("m.yaml", text.substring(0, cut).getBytes(StandardCharsets.UTF_8))));
        }
    }

    /** Numbered copies of a document template (its %d) up to about {@code bytes}. */
    private static String bulk(String template, int bytes) {
        StringBuilder sb = new StringBuilder(bytes + 2048);
        for (int i = 0; sb.length() < bytes; i++) {
            sb.append(template.replace("%d", String.valueOf(i)));
        }
        return sb.toString();
    }

    /** The campaign with {@code field} set to {@code value}: replaced if it is a top-level key, appended otherwise. */
    static String withField(String campaign, String field, String value) {
        String replaced = campaign.replaceFirst("(?m)^" + field + ":(.*)(\\n(?:[ \\t#].*|)(?=\\n))*", field + ": " + java.util.regex.Matcher.quoteReplacement(value));
        if (!replaced.equals(campaign)) {
            return replaced;
        }
        return campaign + (campaign.endsWith("\n") ? "" : "\n") + field + ": " + value + "\n";
    }
}
