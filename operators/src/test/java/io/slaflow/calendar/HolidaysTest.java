package io.slaflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class HolidaysTest {

    @Test
    void looksUpDatesAndIgnoresDuplicates() {
        Holidays holidays =
                Holidays.of(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 25));

        assertThat(holidays.size()).isEqualTo(2);
        assertThat(holidays.contains(LocalDate.of(2026, 12, 25))).isTrue();
        assertThat(holidays.contains(LocalDate.of(2026, 1, 1))).isTrue();
        assertThat(holidays.contains(LocalDate.of(2026, 12, 24))).isFalse();
        assertThat(holidays.contains(LocalDate.of(2025, 12, 31))).isFalse();
        assertThat(holidays.contains(LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(holidays.dates()).containsExactly(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 25));
    }

    @Test
    void noneContainsNothing() {
        assertThat(Holidays.none().isEmpty()).isTrue();
        assertThat(Holidays.none().contains(LocalDate.of(2026, 1, 1))).isFalse();
    }

    @Test
    void parsesIsoDatesAndRejectsOthersNamingTheText() {
        assertThat(Holidays.parse(List.of("2026-05-04", " 2026-05-25 ")).dates())
                .containsExactly(LocalDate.of(2026, 5, 4), LocalDate.of(2026, 5, 25));
        assertThatThrownBy(() -> Holidays.parse(List.of("2026-05-04", "04/05/2026")))
                .isInstanceOf(CalendarDefinitionException.class)
                .hasMessage("bad holiday date \"04/05/2026\": expected yyyy-MM-dd, e.g. 2026-12-25");
        assertThatThrownBy(() -> Holidays.parse(List.of("2026-02-30"))).isInstanceOf(CalendarDefinitionException.class);
    }

    @Test
    void unionHasTheDatesOfEverySet() {
        Holidays union = Holidays.union(
                Holidays.of(LocalDate.of(2026, 1, 1)),
                Holidays.of(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 1, 1)),
                Holidays.none());

        assertThat(union.dates()).containsExactly(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 25));
        assertThat(union).isEqualTo(Holidays.of(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 1, 1)));
    }
}
