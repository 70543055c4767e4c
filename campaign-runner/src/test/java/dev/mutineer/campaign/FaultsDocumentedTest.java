package dev.mutineer.campaign;

import dev.mutineer.injector.fault.Fault;
import dev.mutineer.injector.fault.Faults;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every registered fault is documented where campaign files are (a row of an operator table in
 * examples/README.md) and used by at least one example campaign: adding a fault to {@link Faults} without
 * them fails here, naming the fault.
 */
class FaultsDocumentedTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("mutineer.repo", "..")).resolve("examples");

    @Test
    void everyFaultHasADocRowInTheExamplesReadme() throws Exception {
        Set<String> documented = documentedOperators(Files.readAllLines(EXAMPLES.resolve("README.md")));
        List<String> missing = Faults.names().stream().filter(n -> !documented.contains(n)).toList();
        assertThat(missing).as("faults without a row (| name | parameters |) in examples/README.md").isEmpty();
    }

    @Test
    void everyFaultIsUsedByAnExampleCampaign() throws Exception {
        Set<String> used = new HashSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        CampaignLoader loader = new CampaignLoader();
        for (Path f : files) {
            loader.load(f).faults().forEach(spec -> used.add(spec.operator()));
        }
        List<String> missing = Faults.all().stream().map(Fault::name).filter(n -> !used.contains(n)).toList();
        assertThat(missing).as("faults that no examples/*.yaml campaign uses").isEmpty();
    }

    @Test
    void aRowNamesEachOperatorOfItsFirstCell() {
        assertThat(documentedOperators(List.of("| operator | parameters |", "| --- | --- |",
                "| hold-watch, drop-watch-events | none |", "| `delete` | none |", "not a row")))
                .containsExactlyInAnyOrder("hold-watch", "drop-watch-events", "delete");
    }

    /** The names in the first cell of the rows of every table whose header starts with "operator". */
    static Set<String> documentedOperators(List<String> lines) {
        Set<String> out = new HashSet<>();
        boolean inOperatorTable = false;
        for (String line : lines) {
            String t = line.trim();
            if (!t.startsWith("|")) {
                inOperatorTable = false;
                continue;
            }
            List<String> cells = new ArrayList<>(Arrays.asList(t.substring(1).split("\\|")));
            String first = cells.isEmpty() ? "" : cells.get(0).trim();
            if (first.equals("operator")) {
                inOperatorTable = true;
            } else if (inOperatorTable && !first.startsWith("---")) {
                Arrays.stream(first.split(",")).map(n -> n.replace("`", "").trim()).filter(n -> !n.isEmpty()).forEach(out::add);
            }
        }
        return out;
    }
}
