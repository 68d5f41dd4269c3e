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

    public static ImportMapping load(Path file) throws InvalidMappingException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new InvalidMappingException(List.of(file + ": file not found (looked at " + file.toAbsolutePath() + ")"));
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
            throw new InvalidMappingException(List.of(new MappingProblem(source, line, col, "", "invalid YAML: " + e.getProblem()).toString()));
        } catch (YAMLException e) {
            throw new InvalidMappingException(List.of(source + ": invalid YAML: " + e.getMessage()));
        }
        if (root == null) {
            throw new InvalidMappingException(List.of(source + ": the file is empty"));
        }
        Map<String, Node> top = entries(root, "", Set.of("source", "csv", "columns", "time", "client", "priority", "events", "extra", "eventIdPrefix"));

        Map<String, Node> csv = top.containsKey("csv") ? entries(top.get("csv"), "csv", Set.of("delimiter", "quote")) : Map.of();
        char delimiter = oneChar(csv.get("delimiter"), "csv.delimiter", ',');
        char quote = oneChar(csv.get("quote"), "csv.quote", '"');

        Map<String, Node> columns = entries(required(top, "columns", root, ""), "columns",
                Set.of("ticketId", "occurredAt", "client", "priority", "assignee", "group"));
        Node columnsNode = top.get("columns");
        ImportMapping.Column ticketId = column(required(columns, "ticketId", columnsNode, "columns"), "columns.ticketId");
        ImportMapping.Column occurredAt = column(required(columns, "occurredAt", columnsNode, "columns"), "columns.occurredAt");
        ImportMapping.Column client = column(required(columns, "client", columnsNode, "columns"), "columns.client");
        ImportMapping.Column priority = columns.containsKey("priority") ? column(columns.get("priority"), "columns.priority") : null;
        ImportMapping.Column assignee = columns.containsKey("assignee") ? column(columns.get("assignee"), "columns.assignee") : null;
        ImportMapping.Column group = columns.containsKey("group") ? column(columns.get("group"), "columns.group") : null;

        Map<String, Node> time = top.containsKey("time") ? entries(top.get("time"), "time", Set.of("format", "zone")) : Map.of();
        DateTimeFormatter format = null;
        if (time.containsKey("format")) {
            String f = text(time.get("format"), "time.format");
            if (f != null && !f.equalsIgnoreCase("iso")) {
                try {
                    format = DateTimeFormatter.ofPattern(f, Locale.ROOT);
                } catch (IllegalArgumentException e) {
                    problem(time.get("format"), "time.format", "not a date-time pattern: " + e.getMessage());
                }
            }
        }
        ZoneId zone = null;
        if (time.containsKey("zone")) {
            String z = text(time.get("zone"), "time.zone");
            try {
                zone = z == null ? null : ZoneId.of(z);
            } catch (DateTimeException e) {
                problem(time.get("zone"), "time.zone", "unknown time zone '" + z + "'");
            }
        }

        Map<String, Node> clientOpts = top.containsKey("client") ? entries(top.get("client"), "client", Set.of("slug", "prefix", "map")) : Map.of();
        boolean slug = clientOpts.containsKey("slug") && bool(clientOpts.get("slug"), "client.slug");
        String prefix = clientOpts.containsKey("prefix") ? text(clientOpts.get("prefix"), "client.prefix") : "";
        Map<String, String> clientMap = clientOpts.containsKey("map") ? valueMap(clientOpts.get("map"), "client.map", false) : Map.of();

        Map<String, Node> prio = top.containsKey("priority") ? entries(top.get("priority"), "priority", Set.of("map", "unmapped")) : Map.of();
        Map<String, String> priorityMap = prio.containsKey("map") ? valueMap(prio.get("map"), "priority.map", true) : Map.of();
        boolean rejectUnmapped = true;
        if (prio.containsKey("unmapped")) {
            String u = text(prio.get("unmapped"), "priority.unmapped");
            if ("omit".equalsIgnoreCase(u)) rejectUnmapped = false;
            else if (u != null && !"reject".equalsIgnoreCase(u)) problem(prio.get("unmapped"), "priority.unmapped", "expected reject or omit, found '" + u + "'");
        }
        if (priority != null && priorityMap.isEmpty() && !prio.containsKey("map")) {
            problem(columnsNode, "priority.map", "columns.priority is set: give priority.map (column value -> P1..P9)");
        }

        Map<String, Node> events = top.containsKey("events") ? entries(top.get("events"), "events", Set.of("activeStatus", "rules", "reopenAfterResolved", "closeOnLastRowOnly")) : Map.of();
        String activeStatus = events.containsKey("activeStatus") ? text(events.get("activeStatus"), "events.activeStatus") : "in-progress";
        boolean reopen = !events.containsKey("reopenAfterResolved") || bool(events.get("reopenAfterResolved"), "events.reopenAfterResolved");
        boolean closeOnLastRowOnly = events.containsKey("closeOnLastRowOnly") && bool(events.get("closeOnLastRowOnly"), "events.closeOnLastRowOnly");
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
            for (Map.Entry<String, Node> e : entries(top.get("extra"), "extra", null).entrySet()) {
                String field = "extra." + e.getKey();
                if (CONTRACT_FIELDS.contains(e.getKey())) {
                    problem(e.getValue(), field, "'" + e.getKey() + "' is a contract field; extra fields need other names");
                }
                extra.put(e.getKey(), column(e.getValue(), field));
            }
        }
        String eventIdPrefix = top.containsKey("eventIdPrefix") ? text(top.get("eventIdPrefix"), "eventIdPrefix") : "";
        String sourceName = null;
        if (top.containsKey("source")) {
            sourceName = text(top.get("source"), "source");
            if (sourceName != null && !Set.of("email", "phone", "portal", "chat", "monitoring", "api").contains(sourceName)) {
                problem(top.get("source"), "source", "unknown source '" + sourceName + "'; one of email, phone, portal, chat, monitoring, api");
            }
        }

        if (!problems.isEmpty()) {
            throw new InvalidMappingException(problems.stream().map(MappingProblem::toString).toList());
        }
        return new ImportMapping(sourceName, delimiter, quote, ticketId, occurredAt, format, zone, client, slug,
                prefix == null ? "" : prefix, clientMap, priority, priorityMap, rejectUnmapped, assignee, group,
                activeStatus, List.copyOf(rules), reopen, closeOnLastRowOnly, extra, eventIdPrefix == null ? "" : eventIdPrefix);
    }

    private static final Set<String> CONTRACT_FIELDS = Set.of("eventId", "ticketId", "clientId", "type", "occurredAt",
            "source", "subject", "description", "priority", "status", "assignee", "actor");

    private ImportMapping.Rule rule(Node node, String path) {
        Map<String, Node> fields = entries(node, path, Set.of("name", "when", "emit", "status"));
        String name = fields.containsKey("name") ? text(fields.get("name"), path + ".name") : path;
        Map<ImportMapping.Column, Set<String>> when = new LinkedHashMap<>();
        Node whenNode = required(fields, "when", node, path);
        if (whenNode != null) {
            Map<String, Node> conditions = entries(whenNode, path + ".when", null);
            if (conditions.isEmpty() && whenNode instanceof MappingNode) {
                problem(whenNode, path + ".when", "give at least one column: value condition");
            }
            for (Map.Entry<String, Node> c : conditions.entrySet()) {
                Set<String> values = new LinkedHashSet<>();
                for (String v : texts(c.getValue(), path + ".when." + c.getKey())) {
                    values.add(v.trim().toLowerCase(Locale.ROOT));
                }
                when.put(new ImportMapping.Column(c.getKey(), where(c.getValue(), path + ".when." + c.getKey())), values);
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
                problem(fields.get("emit"), path + ".emit", "a rule emits RESPONDED, RESOLVED or CLOSED, found '" + e
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

    // ---- small node helpers: never throw, report at the node ----

    private void problem(Node at, String field, String message) {
        int line = at == null ? 0 : at.getStartMark().getLine() + 1;
        int col = at == null ? 0 : at.getStartMark().getColumn() + 1;
        problems.add(new MappingProblem(source, line, col, field, message));
    }

    private String where(Node at, String field) {
        return new MappingProblem(source, at.getStartMark().getLine() + 1, at.getStartMark().getColumn() + 1, field, "").toString()
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
                problem(k, child, "unknown field '" + key + "'; allowed here: " + String.join(", ", new java.util.TreeSet<>(allowed)));
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
        if (v == null || v.isEmpty() || (s.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN && ("null".equals(v) || "~".equals(v)))) {
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
        if (t != null && !"false".equalsIgnoreCase(t) && !"no".equalsIgnoreCase(t)) problem(node, path, "expected true or false, found '" + t + "'");
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
