package io.slaflow.bench;

import io.slaflow.calendar.BusinessCalendar;
import io.slaflow.calendar.Holidays;
import io.slaflow.calendar.WeeklyHours;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Hot-path cost of the business-hours calendar: London, Mon-Fri 09:00-17:00, with eight English bank holidays a
 * year for 2025-2028. Start instants are precomputed (random seconds over 2026-2027, so DST changes, weekends and
 * holidays are all crossed) and cycled through, so the loop allocates nothing but the result.
 *
 * <p>Run: {@code mvn -q -pl operators test-compile && java -cp
 * "operators/target/test-classes:operators/target/classes:$(cat cp.txt)" org.openjdk.jmh.Main CalendarBenchmark
 * -f 1 -wi 2 -i 3}, with {@code cp.txt} from {@code mvn -q -pl operators dependency:build-classpath
 * -Dmdep.outputFile=../cp.txt -Dmdep.includeScope=test}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CalendarBenchmark {

    private static final int STARTS = 4096; // power of two: cycling is a mask

    private BusinessCalendar calendar;
    private Instant[] starts;
    private int next;
    private final Duration eightHours = Duration.ofHours(8);

    @Setup
    public void setUp() {
        List<LocalDate> holidays = new ArrayList<>();
        for (int year = 2025; year <= 2028; year++) {
            for (int[] monthDay :
                    new int[][] {{1, 1}, {4, 18}, {4, 21}, {5, 5}, {5, 26}, {8, 25}, {12, 25}, {12, 26}}) {
                holidays.add(LocalDate.of(year, monthDay[0], monthDay[1]));
            }
        }
        calendar = BusinessCalendar.workingHours(
                "london-office",
                ZoneId.of("Europe/London"),
                WeeklyHours.parse(Map.of("mon-fri", "09:00-17:00")),
                Holidays.of(holidays));

        SplittableRandom random = new SplittableRandom(42);
        long from = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2028-01-01T00:00:00Z").getEpochSecond();
        starts = new Instant[STARTS];
        for (int i = 0; i < STARTS; i++) {
            starts[i] = Instant.ofEpochSecond(random.nextLong(from, to));
        }
    }

    private Instant nextStart() {
        Instant start = starts[next];
        next = (next + 1) & (STARTS - 1);
        return start;
    }

    @Benchmark
    public Instant addBusinessDays3() {
        return calendar.addBusinessDays(nextStart(), 3);
    }

    @Benchmark
    public Instant addBusinessTime8h() {
        return calendar.addBusinessTime(nextStart(), eightHours);
    }

    @Benchmark
    public Duration businessTimeBetweenOneWeek() {
        Instant start = nextStart();
        return calendar.businessTimeBetween(start, start.plusSeconds(7 * 86_400L));
    }
}
