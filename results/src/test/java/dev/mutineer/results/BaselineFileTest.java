package dev.mutineer.results;

import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.classifier.baseline.Range;
import dev.mutineer.classifier.baseline.ServiceBaseline;
import dev.mutineer.classifier.baseline.WorkloadBaseline;
import dev.mutineer.cluster.Component;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BaselineFileTest {

    private static Baseline baseline(int ready) {
        return new Baseline(3,
                Map.of("Deployment/default/web", new WorkloadBaseline(null, Range.of(3), Range.of(3), new Range(ready, 3), Range.of(3), Range.of(3))),
                Map.of("Service/default/web", new ServiceBaseline(true, Range.of(3), 1)),
                Map.of("default", Range.of(0)), Map.of("default", 0L), Set.of("kwok-node-0"),
                Set.of(Component.APISERVER, Component.CONTROLLER_MANAGER), 0, Set.of(), Set.of("FailedScheduling"));
    }

    @Test
    void eachClusterConfigurationKeepsItsOwnBaseline(@TempDir Path dir) {
        BaselineFile.write(dir, null, baseline(3));
        BaselineFile.write(dir, "StaleControllerConsistency=false", baseline(2));
        assertThat(BaselineFile.read(dir, "default")).contains(baseline(3));
        assertThat(BaselineFile.read(dir, "StaleControllerConsistency=false")).contains(baseline(2));
        assertThat(BaselineFile.read(dir, "other")).isEmpty();
        assertThat(BaselineFile.path(dir, "a/b c").getFileName().toString()).isEqualTo("baseline-a_b_c.json");
    }

    @Test
    void rewritingReplaces(@TempDir Path dir) {
        BaselineFile.write(dir, "default", baseline(3));
        BaselineFile.write(dir, "default", baseline(1));
        assertThat(BaselineFile.read(dir, "default")).contains(baseline(1));
        assertThat(dir.toFile().list()).containsExactly("baseline-default.json");
    }

    @Test
    void aDamagedBaselineIsNamedInWords(@TempDir Path dir) throws Exception {
        Path file = BaselineFile.write(dir, "default", baseline(3));
        for (String[] damage : new String[][] {
            {"null", "is damaged: holds null"},
            {"{\"goldenRuns\": ", "is damaged: not JSON (cut short inside the record at column 16)"},
            {"[1]", "is damaged: the record has the wrong type, expected an object"},
            {"{\"goldenRuns\": \"three\"}", "is damaged: field 'goldenRuns' has the value 'three', expected a number"},
        }) {
            Files.writeString(file, damage[0]);
            assertThatThrownBy(() -> BaselineFile.read(dir, "default")).as(damage[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("the recorded baseline " + file + " " + damage[1])
                    .hasMessageContaining("--new-baseline")
                    .satisfies(e -> assertThat(JournalDamageTest.INTERNAL).noneMatch(e.getMessage()::contains));
        }
    }
}
