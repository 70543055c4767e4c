package dev.mutineer.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The results benchmark, small: what `scripts/bench.sh results` measures still works end to end. */
class ResultsBenchmarkTest {

    @Test
    void measuresAppendsReopenAndReportsOfEveryResult(@TempDir Path dir) throws Exception {
        ResultsBenchmark.Figures f = ResultsBenchmark.measure(dir, 200);

        assertThat(f.reopenedIds()).isEqualTo(200);
        assertThat(f.reported()).isEqualTo(200);
        assertThat(f.journalBytes()).isPositive();
        assertThat(f.csvBytes()).isPositive();
        assertThat(f.htmlBytes()).isPositive();
        assertThat(f.appendSeconds()).isPositive();
    }
}
