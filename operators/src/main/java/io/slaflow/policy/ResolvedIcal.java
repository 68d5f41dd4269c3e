package io.slaflow.policy;

import io.slaflow.calendar.Holidays;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text form of a policy's resolved iCal files ({@link SlaPolicy#resolvedIcal()}), as a policy version carries it
 * through the job graph and checkpoints: one line per file, the path as the policy writes it, a tab, then its holiday
 * dates ({@code 2026-12-25,2026-12-26}), files in path order. Text rather than objects for the reason the policy itself
 * travels as YAML: a restore never depends on a class's serialized form. The same holidays always give the same text.
 */
public final class ResolvedIcal {
    private ResolvedIcal() {}

    public static String write(Map<String, Holidays> byPath) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Holidays> e : new TreeMap<>(byPath).entrySet()) {
            b.append(e.getKey()).append('\t');
            List<String> dates = new ArrayList<>();
            for (LocalDate d : e.getValue().dates()) dates.add(d.toString());
            b.append(String.join(",", dates)).append('\n');
        }
        return b.toString();
    }

    /** @throws IllegalArgumentException when the text was not written by {@link #write} */
    public static Map<String, Holidays> read(String text) {
        Map<String, Holidays> byPath = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) continue;
            int tab = line.indexOf('\t');
            if (tab < 0) throw new IllegalArgumentException("not a resolved iCal line (path TAB dates)");
            List<LocalDate> dates = new ArrayList<>();
            String list = line.substring(tab + 1);
            if (!list.isEmpty()) {
                for (String d : list.split(",")) dates.add(LocalDate.parse(d));
            }
            byPath.put(line.substring(0, tab), Holidays.of(dates));
        }
        return byPath;
    }
}
