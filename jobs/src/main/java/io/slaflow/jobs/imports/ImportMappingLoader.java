package io.slaflow.jobs.imports;

import io.slaflow.event.EventType;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a mapping file ({@code infra/mappings/README.md}) in one pass and refuses it with every problem found,
 * each as {@code FILE:LINE:COLUMN: FIELD: message}, the way the policy loader reports policies.
 */
public final class ImportMappingLoader {
    private static final Set<EventType> RULE_EVENTS = Set.of(EventType.RESPONDED, EventType.RESOLVED, EventType.CLOSED);
    private static final Pattern PRIORITY = Pattern.compile("P[1-9]");

    private final String source;
    private final List<MappingProblem> problems = new ArrayList<>();

    private ImportMappingLoader(String source) {
        this.source = source;
    }

    /** A mapping is a few kilobytes; anything much larger (or a device such as /dev/zero) is not one. */
    private static final long MAX_MAPPING_BYTES = 1024 * 1024;

    public static ImportMapping load(Path file) throws InvalidMappingException {
        String text;
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new InvalidMappingException(
                        List.of(file + ": not a regular file (a folder, a device or a pipe): expected a YAML file"));
            }
            if (Files.exists(file) && Files.size(file) > MAX_MAPPING_BYTES) {
                throw new InvalidMappingException(List.of(file + ": " + Files.size(file)
                        + " bytes is not a mapping (at most " + MAX_MAPPING_BYTES + ")"));
            }
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new InvalidMappingException(
                    List.of(file + ": file not found (looked at " + file.toAbsolutePath() + ")"));
        } catch (CharacterCodingException e) {
            throw new InvalidMappingException(List.of(file + ": not UTF-8 text"));
        } catch (IOException e) {
            throw new InvalidMappingException(List.of(file + ": cannot be read: " + e.getMessage()));
        }
        return parse(text, file.toString());
    }

    public static ImportMapping parse(String yaml, String source) throws InvalidMappingException {
        return new ImportMappingLoader(source).read(yaml);
    }

    private ImportMapping read(String yaml) throws InvalidMappingException {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            int col = e.getProblemMark() == null ? 0 : e.getProblemMark().getColumn() + 1;
            throw new InvalidMappingException(
                    List.of(new MappingProblem(source, line, col, "", "invalid YAML: " + e.getProblem()).toString()));
        } catch (YAMLException e) {
            throw new InvalidMappingException(List.of(source + ": invalid YAML: " + e.getMessage()));
        }
        if (root == null) {
            throw new InvalidMappingException(List.of(source + ": the file is empty"));
        }
        Map<String, Node> top = entries(
                root,
                "",
                Set.of(
                        "source",
                        "csv",
                        "columns",
                        "time",
                        "client",
                        "priority",
                        "status",
                        "events",
                        "extra",
                        "eventIdPrefix"));

        Map<String, Node> columns = entries(
                required(top, "columns", root, ""),
                "columns",
                Set.of(
                        "ticketId",
                        "occurredAt",
                        "createdAt",
                        "client",
                        "priority",
                        "assignee",
                        "group",
                        "status",
                        "source",
                        "subject",
                        "description"));
        Node columnsNode = top.get("columns");
        ImportMapping.Column ticketId =
                column(required(columns, "ticketId", columnsNode, "columns"), "columns.ticketId");
        ImportMapping.Column occurredAt =
                column(required(columns, "occurredAt", columnsNode, "columns"), "columns.occurredAt");
        ImportMapping.Column createdAt = optionalColumn(columns, "createdAt");
        ImportMapping.Column client = column(required(columns, "client", columnsNode, "columns"), "columns.client");
        ImportMapping.Column priority = optionalColumn(columns, "priority");
        ImportMapping.Column assignee = optionalColumn(columns, "assignee");
        ImportMapping.Column group = optionalColumn(columns, "group");
        ImportMapping.Column status = optionalColumn(columns, "status");
        ImportMapping.Column sourceColumn = optionalColumn(columns, "source");
        ImportMapping.Column subject = optionalColumn(columns, "subject");
        ImportMapping.Column description = optionalColumn(columns, "description");

        ImportMapping.Csv csv = csv(top.get("csv"));

        Map<String, Node> time =
                top.containsKey("time") ? entries(top.get("time"), "time", Set.of("format", "zone")) : Map.of();
        ZoneId zone = null;
        if (time.containsKey("zone")) {
            String z = text(time.get("zone"), "time.zone");
            try {
                zone = z == null ? null : ZoneId.of(z);
            } catch (DateTimeException e) {
                problem(
                        time.get("zone"),
                        "time.zone",
                        "unknown time zone '" + z + "' (an IANA id such as Europe/Paris or UTC)");
            }
        }
        DateTimeFormatter format = null;
        if (time.containsKey("format")) {
            String f = text(time.get("format"), "time.format");
            if (f != null && !f.equalsIgnoreCase("iso")) {
                try {
                    format = DateTimeFormatter.ofPattern(f, Locale.ROOT);
                } catch (IllegalArgumentException e) {
                    problem(time.get("format"), "time.format", "not a date-time pattern: " + e.getMessage());
                }
                if (format != null) {
                    checkPattern(format, f, zone, time.get("format"), time.containsKey("zone"));
                }
            }
        }

        Map<String, Node> clientOpts = top.containsKey("client")
                ? entries(top.get("client"), "client", Set.of("slug", "prefix", "map"))
                : Map.of();
        boolean slug = clientOpts.containsKey("slug") && bool(clientOpts.get("slug"), "client.slug");
        String prefix = clientOpts.containsKey("prefix") ? text(clientOpts.get("prefix"), "client.prefix") : "";
        Map<String, String> clientMap =
                clientOpts.containsKey("map") ? valueMap(clientOpts.get("map"), "client.map", false) : Map.of();

        Map<String, Node> prio = top.containsKey("priority")
                ? entries(top.get("priority"), "priority", Set.of("map", "unmapped"))
                : Map.of();
        Map<String, String> priorityMap =
                prio.containsKey("map") ? valueMap(prio.get("map"), "priority.map", true) : Map.of();
        boolean rejectUnmapped = unmapped(prio.get("unmapped"), "priority.unmapped");
        if (priority != null && priorityMap.isEmpty() && !prio.containsKey("map")) {
            problem(columnsNode, "priority.map", "columns.priority is set: give priority.map (column value -> P1..P9)");
        }

        // source: a constant for every event (a scalar), or how to read columns.source (a mapping)
        String sourceName = null;
        Map<String, String> sourceMap = Map.of();
        boolean rejectUnmappedSource = true;
        Node sourceNode = top.get("source");
        if (sourceNode instanceof MappingNode) {
            Map<String, Node> src = entries(sourceNode, "source", Set.of("map", "unmapped"));
            sourceMap = src.containsKey("map") ? sourceMap(src.get("map")) : Map.of();
            rejectUnmappedSource = unmapped(src.get("unmapped"), "source.unmapped");
            if (sourceColumn == null) {
                problem(
                        sourceNode,
                        "source",
                        "source.map reads columns.source: name that column, or give one source for every event (source: portal)");
            }
        } else if (sourceNode != null) {
            sourceName = text(sourceNode, "source");
            if (sourceName != null && !ImportMapping.CONTRACT_SOURCES.contains(sourceName)) {
                problem(
                        sourceNode,
                        "source",
                        "unknown source '" + sourceName + "'; one of email, phone, portal, chat, monitoring, api");
            }
            if (sourceColumn != null) {
                problem(
                        sourceNode,
                        "source",
                        "columns.source takes the source from a column: give either it or one source for every event, not both");
            }
        }

        Map<String, String> statusMap = Map.of();
        if (top.containsKey("status")) {
            Map<String, Node> st = entries(top.get("status"), "status", Set.of("map"));
            statusMap = st.containsKey("map") ? valueMap(st.get("map"), "status.map", false) : Map.of();
            if (status == null) {
                problem(top.get("status"), "status", "status.map reads columns.status: name that column");
            }
        }

        Map<String, Node> events = top.containsKey("events")
                ? entries(
                        top.get("events"),
                        "events",
                        Set.of("activeStatus", "rules", "reopenAfterResolved", "closeOnLastRowOnly"))
                : Map.of();
        String activeStatus = events.containsKey("activeStatus")
                ? text(events.get("activeStatus"), "events.activeStatus")
                : "in-progress";
        boolean reopen = !events.containsKey("reopenAfterResolved")
                || bool(events.get("reopenAfterResolved"), "events.reopenAfterResolved");
        boolean closeOnLastRowOnly = events.containsKey("closeOnLastRowOnly")
                && bool(events.get("closeOnLastRowOnly"), "events.closeOnLastRowOnly");
        List<ImportMapping.Rule> rules = new ArrayList<>();
        if (events.containsKey("rules")) {
            List<Node> items = items(events.get("rules"), "events.rules");
            for (int i = 0; i < items.size(); i++) {
                ImportMapping.Rule r = rule(items.get(i), "events.rules[" + i + "]");
                if (r != null) rules.add(r);
            }
        }

        Map<String, ImportMapping.Column> extra = new LinkedHashMap<>();
        if (top.containsKey("extra")) {
            for (Map.Entry<String, Node> e :
                    entries(top.get("extra"), "extra", null).entrySet()) {
                String field = "extra." + e.getKey();
                if (CONTRACT_FIELDS.contains(e.getKey())) {
                    problem(
                            e.getValue(),
                            field,
                            "'" + e.getKey() + "' is a contract field; extra fields need other names");
                }
                extra.put(e.getKey(), column(e.getValue(), field));
            }
        }
        String eventIdPrefix = top.containsKey("eventIdPrefix") ? text(top.get("eventIdPrefix"), "eventIdPrefix") : "";

        if (!problems.isEmpty()) {
            throw new InvalidMappingException(problems.stream()
                    .sorted(java.util.Comparator.comparingInt(MappingProblem::line)
                            .thenComparingInt(MappingProblem::column))
                    .map(MappingProblem::toString)
                    .distinct()
                    .toList());
        }
        return new ImportMapping(
                sourceName,
                csv,
                ticketId,
                occurredAt,
                createdAt,
                format,
                zone,
                client,
                slug,
                prefix == null ? "" : prefix,
                clientMap,
                priority,
                priorityMap,
                rejectUnmapped,
                sourceColumn,
                sourceMap,
                rejectUnmappedSource,
                status,
                statusMap,
                assignee,
                group,
                subject,
                description,
                activeStatus,
                List.copyOf(rules),
                reopen,
                closeOnLastRowOnly,
                extra,
                eventIdPrefix == null ? "" : eventIdPrefix);
    }

    /** The sample a pattern is tried on at load time: if the pattern cannot read back what it writes, no row will parse. */
    private static final java.time.ZonedDateTime SAMPLE =
            java.time.ZonedDateTime.of(2026, 11, 16, 9, 15, 30, 0, ZoneId.of("Europe/Paris"));

    /**
     * A pattern without an offset or zone needs {@code time.zone}: without it every row would be rejected BAD_TIME
     * (and a mapping with that mistake used to be accepted). A pattern must also give a date and a time of day.
     */
    private void checkPattern(DateTimeFormatter format, String pattern, ZoneId zone, Node at, boolean zoneGiven) {
        java.time.temporal.TemporalAccessor parsed;
        String sample;
        try {
            sample = format.format(SAMPLE);
            parsed = format.parse(sample);
            java.time.LocalDateTime.from(parsed);
        } catch (DateTimeException e) {
            problem(
                    at,
                    "time.format",
                    "the pattern '" + pattern + "' does not give a date and a time of day"
                            + " (e.g. \"yyyy-MM-dd HH:mm:ss\" for 2026-11-16 09:15:30)");
            return;
        }
        boolean carriesOffset = parsed.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS)
                || parsed.query(java.time.temporal.TemporalQueries.zoneId()) != null;
        if (!carriesOffset && zone == null && !zoneGiven) {
            problem(
                    at,
                    "time.format",
                    "the pattern '" + pattern + "' has no offset or zone (a time such as '" + sample
                            + "' could be anywhere): give time.zone, the zone the export's times are in, e.g. Europe/Paris or UTC");
        }
    }

    private ImportMapping.Csv csv(Node node) {
        Map<String, Node> csv = node != null
                ? entries(node, "csv", Set.of("delimiter", "quote", "encoding", "nulls", "columnNulls"))
                : Map.of();
        char delimiter = oneChar(csv.get("delimiter"), "csv.delimiter", ',');
        char quote = oneChar(csv.get("quote"), "csv.quote", '"');
        java.nio.charset.Charset encoding = StandardCharsets.UTF_8;
        if (csv.containsKey("encoding")) {
            String e = text(csv.get("encoding"), "csv.encoding");
            try {
                encoding = e == null ? encoding : java.nio.charset.Charset.forName(e);
            } catch (IllegalArgumentException ex) {
                problem(
                        csv.get("encoding"),
                        "csv.encoding",
                        "unknown encoding '" + e + "' (e.g. UTF-8, ISO-8859-1, windows-1252)");
            }
        }
        Set<String> nulls = csv.containsKey("nulls") ? nullMarkers(csv.get("nulls"), "csv.nulls") : Set.of();
        Map<String, Set<String>> columnNulls = new LinkedHashMap<>();
        if (csv.containsKey("columnNulls")) {
            for (Map.Entry<String, Node> e :
                    entries(csv.get("columnNulls"), "csv.columnNulls", null).entrySet()) {
                columnNulls.put(e.getKey(), nullMarkers(e.getValue(), "csv.columnNulls." + e.getKey()));
            }
        }
        return new ImportMapping.Csv(delimiter, quote, encoding, nulls, columnNulls);
    }

    /** Null markers compare exactly (after trimming): "NULL" is a marker, "Null" may be a name. */
    private Set<String> nullMarkers(Node node, String path) {
        Set<String> out = new LinkedHashSet<>();
        if (node instanceof SequenceNode seq) {
            for (int i = 0; i < seq.getValue().size(); i++) {
                Node item = seq.getValue().get(i);
                if (item instanceof ScalarNode sc) out.add(sc.getValue().trim());
                else problem(item, path + "[" + i + "]", "expected a value");
            }
        } else if (node instanceof ScalarNode sc) {
            out.add(sc.getValue().trim());
        } else {
            problem(node, path, "expected a value or a list of values");
        }
        return out;
    }

    private boolean unmapped(Node node, String path) {
        if (node == null) return true;
        String u = text(node, path);
        if ("omit".equalsIgnoreCase(u)) return false;
        if (u != null && !"reject".equalsIgnoreCase(u))
            problem(node, path, "expected reject or omit, found '" + u + "'");
        return true;
    }

    /** value -> contract source; the targets must be contract sources. */
    private Map<String, String> sourceMap(Node node) {
        Map<String, String> out = valueMap(node, "source.map", false);
        for (Map.Entry<String, Node> e : entries(node, "source.map", null).entrySet()) {
            String v = e.getValue() instanceof ScalarNode sc ? sc.getValue() : null;
            if (v != null && !ImportMapping.CONTRACT_SOURCES.contains(v)) {
                problem(
                        e.getValue(),
                        "source.map." + e.getKey(),
                        "unknown source '" + v + "'; one of email, phone, portal, chat, monitoring, api");
            }
        }
        return out;
    }

    private ImportMapping.Column optionalColumn(Map<String, Node> columns, String key) {
        return columns.containsKey(key) ? column(columns.get(key), "columns." + key) : null;
    }

    private static final Set<String> CONTRACT_FIELDS = Set.of(
            "eventId",
            "ticketId",
            "clientId",
            "type",
            "occurredAt",
            "source",
            "subject",
            "description",
            "priority",
            "status",
            "assignee",
            "actor");

    private ImportMapping.Rule rule(Node node, String path) {
        Map<String, Node> fields = entries(node, path, Set.of("name", "when", "emit", "status"));
        String name = fields.containsKey("name") ? text(fields.get("name"), path + ".name") : path;
        Map<ImportMapping.Column, ValueTest> when = new LinkedHashMap<>();
        Node whenNode = required(fields, "when", node, path);
        if (whenNode != null) {
            Map<String, Node> conditions = entries(whenNode, path + ".when", null);
            if (conditions.isEmpty() && whenNode instanceof MappingNode) {
                problem(whenNode, path + ".when", "give at least one column: value condition");
            }
            for (Map.Entry<String, Node> c : conditions.entrySet()) {
                String where = path + ".when." + c.getKey();
                ValueTest test = valueTest(c.getValue(), where);
                if (test != null) when.put(new ImportMapping.Column(c.getKey(), where(c.getValue(), where)), test);
            }
        }
        EventType emit = null;
        if (fields.containsKey("emit")) {
            String e = text(fields.get("emit"), path + ".emit");
            try {
                emit = e == null ? null : EventType.valueOf(e.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                emit = null;
            }
            if (e != null && (emit == null || !RULE_EVENTS.contains(emit))) {
                problem(
                        fields.get("emit"),
                        path + ".emit",
                        "a rule emits RESPONDED, RESOLVED or CLOSED, found '" + e
                                + "' (CREATED, ASSIGNED, STATUS_CHANGED, PRIORITY_CHANGED and REOPENED are derived: see the README)");
                emit = null;
            }
        }
        String status = fields.containsKey("status") ? text(fields.get("status"), path + ".status") : null;
        if (!fields.containsKey("emit") && status == null) {
            problem(node, path, "a rule needs emit and/or status");
        }
        return new ImportMapping.Rule(name, when, emit, status);
    }

    /** A value, a list of values, {matches: REGEX}, {empty: true|false} or {not: TEST}. */
    private ValueTest valueTest(Node node, String path) {
        if (!(node instanceof MappingNode)) {
            Set<String> values = new LinkedHashSet<>();
            for (String v : texts(node, path)) values.add(v.trim().toLowerCase(Locale.ROOT));
            return values.isEmpty() ? null : new ValueTest.OneOf(values);
        }
        Map<String, Node> test = entries(node, path, Set.of("matches", "empty", "not"));
        if (test.size() != 1) {
            if (test.size() > 1)
                problem(node, path, "one test per column: matches, empty or not (to combine, nest them under not)");
            else if (((MappingNode) node).getValue().isEmpty())
                problem(
                        node,
                        path,
                        "expected a value, a list of values, {matches: REGEX}, {empty: true} or {not: ...}");
            return null;
        }
        Map.Entry<String, Node> t = test.entrySet().iterator().next();
        switch (t.getKey()) {
            case "matches" -> {
                String regex = text(t.getValue(), path + ".matches");
                if (regex == null) return null;
                try {
                    return ValueTest.Matches.of(regex);
                } catch (java.util.regex.PatternSyntaxException e) {
                    problem(
                            t.getValue(),
                            path + ".matches",
                            "not a regular expression: " + e.getDescription() + " near index " + e.getIndex());
                    return null;
                }
            }
            case "empty" -> {
                return new ValueTest.Empty(bool(t.getValue(), path + ".empty"));
            }
            default -> {
                ValueTest inner = valueTest(t.getValue(), path + ".not");
                return inner == null ? null : new ValueTest.Not(inner);
            }
        }
    }

    // ---- small node helpers: never throw, report at the node ----

    private void problem(Node at, String field, String message) {
        int line = at == null ? 0 : at.getStartMark().getLine() + 1;
        int col = at == null ? 0 : at.getStartMark().getColumn() + 1;
        problems.add(new MappingProblem(source, line, col, field, message));
    }

    private String where(Node at, String field) {
        return new MappingProblem(
                        source,
                        at.getStartMark().getLine() + 1,
                        at.getStartMark().getColumn() + 1,
                        field,
                        "")
                .toString()
                .replaceAll(": $", "");
    }

    private Map<String, Node> entries(Node node, String path, Set<String> allowed) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (!(node instanceof MappingNode mapping)) {
            problem(node, path, "expected a mapping (key: value lines)");
            return out;
        }
        for (NodeTuple t : mapping.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                problem(t.getKeyNode(), path, "keys must be plain text");
                continue;
            }
            String key = k.getValue();
            String child = path.isEmpty() ? key : path + "." + key;
            if (out.containsKey(key)) {
                problem(k, child, "duplicate key '" + key + "'");
            } else if (allowed != null && !allowed.contains(key)) {
                problem(
                        k,
                        child,
                        "unknown field '" + key + "'; allowed here: "
                                + String.join(", ", new java.util.TreeSet<>(allowed)));
            } else {
                out.put(key, t.getValueNode());
            }
        }
        return out;
    }

    private Node required(Map<String, Node> entries, String key, Node parent, String path) {
        Node n = entries.get(key);
        if (n == null) {
            problem(parent, path.isEmpty() ? key : path + "." + key, "missing required field '" + key + "'");
        }
        return n;
    }

    private List<Node> items(Node node, String path) {
        if (node instanceof SequenceNode seq) return seq.getValue();
        problem(node, path, "expected a list");
        return List.of();
    }

    private String text(Node node, String path) {
        if (!(node instanceof ScalarNode s)) {
            problem(node, path, "expected a single value");
            return null;
        }
        String v = s.getValue();
        if (v == null
                || v.isEmpty()
                || (s.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN
                        && ("null".equals(v) || "~".equals(v)))) {
            problem(node, path, "must not be empty");
            return null;
        }
        return v;
    }

    private List<String> texts(Node node, String path) {
        List<String> out = new ArrayList<>();
        if (node instanceof SequenceNode seq) {
            for (int i = 0; i < seq.getValue().size(); i++) {
                String t = text(seq.getValue().get(i), path + "[" + i + "]");
                if (t != null) out.add(t);
            }
        } else {
            String t = text(node, path);
            if (t != null) out.add(t);
        }
        return out;
    }

    private ImportMapping.Column column(Node node, String path) {
        if (node == null) return null;
        String name = text(node, path);
        return name == null ? null : new ImportMapping.Column(name, where(node, path));
    }

    private boolean bool(Node node, String path) {
        String t = text(node, path);
        if ("true".equalsIgnoreCase(t) || "yes".equalsIgnoreCase(t)) return true;
        if (t != null && !"false".equalsIgnoreCase(t) && !"no".equalsIgnoreCase(t))
            problem(node, path, "expected true or false, found '" + t + "'");
        return false;
    }

    private char oneChar(Node node, String path, char fallback) {
        if (node == null) return fallback;
        String t = node instanceof ScalarNode s ? s.getValue() : null;
        if (t == null || t.length() != 1) {
            problem(node, path, "expected exactly one character (write a tab as \"\\t\")");
            return fallback;
        }
        return t.charAt(0);
    }

    /** value -> value map; keys compare trimmed and ignoring case; for priorities the values must be P1..P9. */
    private Map<String, String> valueMap(Node node, String path, boolean priorities) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : entries(node, path, null).entrySet()) {
            String key = e.getKey().trim().toLowerCase(Locale.ROOT);
            String field = path + "." + e.getKey();
            String v = text(e.getValue(), field);
            if (v == null) continue;
            if (priorities && !PRIORITY.matcher(v).matches()) {
                problem(e.getValue(), field, "a priority is P1..P9 (the policy's tier ids), found '" + v + "'");
                continue;
            }
            if (out.containsKey(key)) {
                problem(e.getValue(), field, "'" + e.getKey() + "' is already mapped (keys compare ignoring case)");
                continue;
            }
            out.put(key, v);
        }
        return out;
    }
}
