package dev.mutineer.campaign;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @Test
    void parsesTheFormsPeopleWrite() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("1h2m3s4ms")).isEqualTo(Duration.ofHours(1).plusMinutes(2).plusSeconds(3).plusMillis(4));
        assertThat(Durations.parse("0s")).isZero();
    }

    @Test
    void rejectsNumbersWithoutUnitsAndGarbage() {
        for (String bad : new String[]{"30", "", "s", "1.5s", "30 s", "2d", "-1s", "1m30"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a duration");
        }
    }

    @Test
    void formatRoundTrips() {
        for (String s : new String[]{"500ms", "30s", "2m", "1m30s", "1h", "1h2m3s4ms", "0s"}) {
            assertThat(Durations.format(Durations.parse(s))).isEqualTo(s);
        }
    }
}
