package io.slaflow.jobs.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The export's header line, checked against the mapping before any row is read: every column the mapping names
 * must be there, exactly once. A name the header repeats is refused only where the mapping uses it (which of the
 * two would it mean?); elsewhere it is noted, and rows still count every field.
 */
final class ExportHeader {
    private final Map<String, Integer> index;
    private final int size;
    private final List<String> notes;

    private ExportHeader(Map<String, Integer> index, int size, List<String> notes) {
        this.index = index;
        this.size = size;
        this.notes = notes;
    }

    static ExportHeader of(List<String> names, ImportMapping mapping, String inputName)
            throws InvalidMappingException, UnreadableExportException {
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).trim();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1).trim(); // a UTF-8 byte order mark from spreadsheet exports
            }
            if (name.indexOf(ExportReader.UNDECODABLE) >= 0) {
                throw new UnreadableExportException(
                        inputName + ": the header line is not " + mapping.csv().encoding()
                                + " text: declare the export's encoding in the mapping, e.g. csv: {encoding: windows-1252}");
            }
            positions.computeIfAbsent(name, k -> new ArrayList<>()).add(i + 1);
        }
        Set<String> used = new LinkedHashSet<>();
        for (ImportMapping.Column c : mapping.columns()) used.add(c.name());

        List<String> problems = new ArrayList<>();
        for (ImportMapping.Column c : mapping.columns()) {
            List<Integer> at = positions.get(c.name());
            if (at == null) {
                problems.add(c.namedAt() + ": column '" + c.name() + "' is not in the header of " + inputName
                        + " (columns: " + String.join(", ", positions.keySet()) + ")");
            } else if (at.size() > 1) {
                problems.add(c.namedAt() + ": column '" + c.name() + "' appears " + at.size()
                        + " times in the header of " + inputName + " (columns " + join(at)
                        + "): the mapping cannot tell which one it means; rename them in the export");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidMappingException(problems.stream().distinct().toList());
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        positions.forEach((name, at) -> {
            index.put(name, at.get(0) - 1);
            if (at.size() > 1 && !used.contains(name)) {
                notes.add("column '" + name + "' appears " + at.size() + " times in the header (columns " + join(at)
                        + "); the mapping does not use it");
            }
        });
        return new ExportHeader(index, names.size(), notes);
    }

    /** The 0-based field of a column the mapping names (checked to exist, once). */
    int indexOf(ImportMapping.Column column) {
        return index.get(column.name());
    }

    /** Fields per row, repeated names included. */
    int size() {
        return size;
    }

    List<String> notes() {
        return notes;
    }

    private static String join(List<Integer> at) {
        return String.join(" and ", at.stream().map(String::valueOf).toList());
    }
}
