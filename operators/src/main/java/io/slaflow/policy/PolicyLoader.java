package io.slaflow.policy;

import io.slaflow.calendar.BusinessCalendar;
import io.slaflow.classify.ClassificationRules;
import io.slaflow.classify.ClassificationRules.Field;
import io.slaflow.classify.ClassificationRules.KeywordRule;
import io.slaflow.classify.ClassificationRules.SourceRule;
import io.slaflow.classify.ClassificationRules.TierFloor;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads and validates a policy YAML file (format: {@code infra/policies/default.yaml}, documented in the README).
 *
 * <p>Works on SnakeYAML's node tree rather than data binding so that every problem — a YAML syntax error, an
 * unknown calendar, a negative duration, overlapping hours, an unknown role, a duplicate client — is reported
 * with the file, line, column and field path. All problems are collected in one pass; a policy with any
 * problem is refused as a whole ({@link InvalidPolicyException}), so nothing ever starts on a bad policy.
 */
public final class PolicyLoader {
    static final String DEFAULT_CLIENT_ID = "_default";
    private static final List<Double> DEFAULT_WARNINGS = List.of(0.5, 0.75, 0.9);

    private final Path baseDir;

    /** @param baseDir where relative paths inside a policy (iCal files) are resolved; null = working directory */
    public PolicyLoader(Path baseDir) {
        this.baseDir = baseDir;
    }

    public static SlaPolicy load(Path file) throws InvalidPolicyException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidPolicyException(List.of(new PolicyProblem(file.toString(), 0, 0, "",
                    "cannot read the policy file: " + e.getMessage())));
        }
        return new PolicyLoader(file.toAbsolutePath().getParent()).parse(text, file.toString());
    }

    /** Parses policy text from any source (a file, a {@code sla-policies} record); {@code source} names it in errors. */
    public SlaPolicy parse(String yaml, String source) throws InvalidPolicyException {
        YamlNode.Problems problems = new YamlNode.Problems(source);
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(20);
            options.setCodePointLimit(16 * 1024 * 1024);
            root = new Yaml(options).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            throw new InvalidPolicyException(List.of(new PolicyProblem(source,
                    mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1, "",
                    "not valid YAML: " + e.getProblem())));
        } catch (YAMLException e) {
            throw new InvalidPolicyException(List.of(new PolicyProblem(source, 0, 0, "", "not valid YAML: " + e.getMessage())));
        }
        if (root == null) {
            throw new InvalidPolicyException(List.of(new PolicyProblem(source, 0, 0, "", "the policy is empty")));
        }
        SlaPolicy policy = new Reader(problems, source).read(new YamlNode(root, "", problems));
        if (!problems.list.isEmpty()) {
            throw new InvalidPolicyException(problems.list);
        }
        return policy;
    }

    /** One parse: holds what sections need from each other (calendars, tiers, roles). */
    private final class Reader {
        private final YamlNode.Problems problems;
        private final String source;
        private final Map<String, CalendarSpec> calendarSpecs = new LinkedHashMap<>();
        private final Map<String, BusinessCalendar> calendars = new LinkedHashMap<>();
        private final Set<String> roles = new LinkedHashSet<>();
        private final List<TierPolicy> tiers = new ArrayList<>();

        Reader(YamlNode.Problems problems, String source) {
            this.problems = problems;
            this.source = source;
        }

        SlaPolicy read(YamlNode root) {
            Map<String, YamlNode> top = root.entries(YamlNode.keys("version", "roles", "calendars", "warnings", "tiers",
                    "pauses", "defaultClient", "clients", "classification"));
            String version = required(root, top, "version") ? top.get("version").text() : null;

            if (required(root, top, "roles")) {
                for (YamlNode r : top.get("roles").items()) {
                    String role = r.text();
                    if (role != null && !roles.add(role)) r.problem("role '" + role + "' is listed twice");
                }
            }
            if (required(root, top, "calendars")) readCalendars(top.get("calendars"));
            List<Double> defaultWarnings = top.containsKey("warnings") ? readWarnings(top.get("warnings")) : DEFAULT_WARNINGS;
            if (required(root, top, "tiers")) readTiers(top.get("tiers"), defaultWarnings);
            Map<String, Set<Metric>> pauses = top.containsKey("pauses") ? readPauses(top.get("pauses")) : Map.of();

            ClientProfile defaultClient = required(root, top, "defaultClient")
                    ? readClient(top.get("defaultClient"), DEFAULT_CLIENT_ID, true) : null;
            Map<String, ClientProfile> clients = new LinkedHashMap<>();
            if (top.containsKey("clients")) {
                for (YamlNode c : top.get("clients").items()) {
                    Map<String, YamlNode> peek = c.isMapping() ? c.entries(null) : Map.of();
                    String id = peek.containsKey("id") ? peek.get("id").text() : null;
                    if (id == null) {
                        c.problem("a client needs an id");
                        continue;
                    }
                    YamlNode named = c.withPath("clients[" + id + "]");
                    if (clients.containsKey(id)) {
                        peek.get("id").problem("duplicate client '" + id + "'");
                        continue;
                    }
                    ClientProfile profile = readClient(named, id, false);
                    if (profile != null) clients.put(id, profile);
                }
            }
            ClassificationRules classification = required(root, top, "classification")
                    ? readClassification(top.get("classification")) : null;
            return new SlaPolicy(version, source, Collections.unmodifiableMap(calendars), List.copyOf(tiers),
                    pauses, Collections.unmodifiableSet(roles), Collections.unmodifiableMap(clients),
                    defaultClient, classification);
        }

        private boolean required(YamlNode parent, Map<String, YamlNode> entries, String key) {
            if (entries.containsKey(key)) return true;
            if (parent.isMapping()) {
                problems.add(parent.node(), parent.path().isEmpty() ? key : parent.path() + "." + key,
                        "missing required field '" + key + "'");
            }
            return false;
        }

        // ---- calendars ----

        private void readCalendars(YamlNode node) {
            for (Map.Entry<String, YamlNode> e : node.entries(null).entrySet()) {
                String id = e.getKey();
                YamlNode cal = e.getValue();
                Map<String, YamlNode> f = cal.entries(YamlNode.keys("timeZone", "hours", "holidays"));
                ZoneId zone = required(cal, f, "timeZone") ? f.get("timeZone").parse(PolicyLoader::zone) : null;
                if (!required(cal, f, "hours") || zone == null) continue;
                CalendarSpec spec = readCalendarSpec(id, zone, f.get("hours"), f.get("holidays"));
                if (spec != null) {
                    calendarSpecs.put(id, spec);
                    calendars.put(id, spec.build(id, zone));
                }
            }
        }

        private CalendarSpec readCalendarSpec(String id, ZoneId zone, YamlNode hours, YamlNode holidays) {
            if (hours.isScalar()) {
                String h = hours.text();
                if (h == null) return null;
                if (h.equals("always") || h.equals("24x7") || h.equals("24/7")) {
                    if (holidays != null) holidays.problem("a 24x7 calendar has no holidays");
                    return CalendarSpec.alwaysOpen();
                }
                hours.problem("'" + h + "' is not working hours: write 'always' for 24x7 or a mapping such as mon-fri: \"09:00-17:30\"");
                return null;
            }
            Map<String, String> week = new LinkedHashMap<>();
            for (Map.Entry<String, YamlNode> day : hours.entries(null).entrySet()) {
                String ranges = day.getValue().text();
                if (ranges != null) week.put(day.getKey(), ranges);
            }
            List<java.time.LocalDate> dates = new ArrayList<>();
            List<Path> icsFiles = new ArrayList<>();
            if (holidays != null) {
                Map<String, YamlNode> h = holidays.entries(YamlNode.keys("dates", "ical"));
                if (h.containsKey("dates")) {
                    for (YamlNode d : h.get("dates").items()) {
                        java.time.LocalDate date = d.parse(t -> {
                            try {
                                return java.time.LocalDate.parse(t);
                            } catch (java.time.format.DateTimeParseException ex) {
                                throw new IllegalArgumentException("'" + t + "' is not a date (YYYY-MM-DD)");
                            }
                        });
                        if (date != null) dates.add(date);
                    }
                }
                if (h.containsKey("ical")) {
                    for (YamlNode f : h.get("ical").isScalar() ? List.of(h.get("ical")) : h.get("ical").items()) {
                        String p = f.text();
                        if (p == null) continue;
                        Path path = baseDir == null ? Path.of(p) : baseDir.resolve(p);
                        if (!Files.isReadable(path)) {
                            f.problem("iCal file '" + p + "' not found (looked at " + path + ")");
                        } else {
                            icsFiles.add(path);
                        }
                    }
                }
            }
            try {
                CalendarSpec spec = CalendarSpec.workingHours(week, dates, icsFiles);
                spec.build(id, zone); // validates hours now, so the problem is reported at the calendar
                return spec;
            } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                hours.problem(e.getMessage());
                return null;
            }
        }

        // ---- tiers ----

        private List<Double> readWarnings(YamlNode node) {
            List<Double> out = new ArrayList<>();
            for (YamlNode w : node.items()) {
                Double fraction = w.parse(PolicyLoader::percent);
                if (fraction == null) continue;
                if (!out.isEmpty() && fraction <= out.get(out.size() - 1)) {
                    w.problem("warning points must be ascending and distinct");
                    continue;
                }
                out.add(fraction);
            }
            return List.copyOf(out);
        }

        private void readTiers(YamlNode node, List<Double> defaultWarnings) {
            Set<String> ids = new HashSet<>();
            List<YamlNode> items = node.items();
            for (int rank = 0; rank < items.size(); rank++) {
                YamlNode t = items.get(rank);
                Map<String, YamlNode> f = t.entries(YamlNode.keys("id", "name", "calendar", "response", "resolution",
                        "warnings", "escalation"));
                String id = required(t, f, "id") ? f.get("id").text() : null;
                if (id == null) continue;
                if (!ids.add(id)) {
                    f.get("id").problem("duplicate tier '" + id + "'");
                    continue;
                }
                YamlNode tier = t.withPath("tiers[" + id + "]");
                f = tier.entries(null);
                String name = f.containsKey("name") ? f.get("name").text() : id;
                String calendar = required(tier, f, "calendar") ? f.get("calendar").text() : null;
                if (calendar != null && !calendar.equals(TierPolicy.CLIENT_CALENDAR) && !calendars.containsKey(calendar)
                        && !calendarSpecs.containsKey(calendar)) {
                    f.get("calendar").problem("unknown calendar '" + calendar + "'; defined: "
                            + String.join(", ", calendars.keySet()) + " (or 'client' for the client's own calendar)");
                }
                SlaTarget response = required(tier, f, "response") ? f.get("response").parse(SlaDurations::parseTarget) : null;
                SlaTarget resolution = required(tier, f, "resolution") ? f.get("resolution").parse(SlaDurations::parseTarget) : null;
                List<Double> warnings = f.containsKey("warnings") ? readWarnings(f.get("warnings")) : defaultWarnings;
                List<EscalationStep> ladder = f.containsKey("escalation") ? readLadder(f.get("escalation")) : List.of();
                tiers.add(new TierPolicy(id, name, rank, calendar, response, resolution, warnings, ladder));
            }
            if (items.isEmpty() && node.isSequence()) node.problem("at least one tier is required");
        }

        private List<EscalationStep> readLadder(YamlNode node) {
            List<EscalationStep> ladder = new ArrayList<>();
            Duration lastFixed = null;
            int level = 1;
            for (YamlNode s : node.items()) {
                Map<String, YamlNode> f = s.entries(YamlNode.keys("when", "role", "metrics"));
                EscalationTrigger trigger = required(s, f, "when") ? f.get("when").parse(SlaDurations::parseTrigger) : null;
                String role = required(s, f, "role") ? f.get("role").text() : null;
                if (role != null && !roles.contains(role)) {
                    f.get("role").problem("unknown role '" + role + "'; roles: " + String.join(", ", roles));
                }
                Set<Metric> metrics = f.containsKey("metrics") ? readMetrics(f.get("metrics")) : EnumSet.allOf(Metric.class);
                if (trigger instanceof EscalationTrigger.AfterBreach after) {
                    if (lastFixed != null && after.delay().compareTo(lastFixed) < 0) {
                        f.get("when").problem("escalation levels must not fire earlier than the level before ("
                                + after.text() + " comes before " + lastFixed + ")");
                    }
                    lastFixed = after.delay();
                }
                if (trigger != null && role != null) ladder.add(new EscalationStep(level, trigger, role, metrics));
                level++;
            }
            return List.copyOf(ladder);
        }

        private Set<Metric> readMetrics(YamlNode node) {
            Set<Metric> metrics = EnumSet.noneOf(Metric.class);
            for (YamlNode m : node.isScalar() ? List.of(node) : node.items()) {
                Metric metric = m.parse(PolicyLoader::metric);
                if (metric != null) metrics.add(metric);
            }
            return metrics;
        }

        private Map<String, Set<Metric>> readPauses(YamlNode node) {
            Map<String, Set<Metric>> pauses = new LinkedHashMap<>();
            for (Map.Entry<String, YamlNode> e : node.entries(null).entrySet()) {
                String status = e.getKey().toLowerCase(Locale.ROOT);
                if (pauses.containsKey(status)) {
                    e.getValue().problem("status '" + e.getKey() + "' is listed twice (statuses compare case-insensitively)");
                    continue;
                }
                pauses.put(status, Collections.unmodifiableSet(readMetrics(e.getValue())));
            }
            return Collections.unmodifiableMap(pauses);
        }

        // ---- clients ----

        private ClientProfile readClient(YamlNode c, String id, boolean isDefault) {
            Map<String, YamlNode> f = c.entries(isDefault
                    ? YamlNode.keys("name", "tier", "timeZone", "calendar", "contacts", "roster")
                    : YamlNode.keys("id", "name", "tier", "timeZone", "calendar", "contacts", "roster", "overrides"));
            String name = f.containsKey("name") ? f.get("name").text() : id;
            String clientTier = required(c, f, "tier") ? f.get("tier").text() : null;
            String calendarId = required(c, f, "calendar") ? f.get("calendar").text() : null;
            CalendarSpec spec = calendarId == null ? null : calendarSpecs.get(calendarId);
            if (calendarId != null && spec == null) {
                f.get("calendar").problem("unknown calendar '" + calendarId + "'; defined: " + String.join(", ", calendarSpecs.keySet()));
            }
            ZoneId zone = f.containsKey("timeZone") ? f.get("timeZone").parse(PolicyLoader::zone)
                    : spec == null ? null : calendars.get(calendarId).zone();
            // A calendar is a template: a client in another zone gets the same hours and holidays in its own zone.
            String effectiveCalendar = calendarId;
            if (spec != null && zone != null && !zone.equals(calendars.get(calendarId).zone())) {
                effectiveCalendar = calendarId + "@" + zone.getId();
                calendars.computeIfAbsent(effectiveCalendar, k -> spec.build(k, zone));
            }
            List<String> contacts = f.containsKey("contacts") ? f.get("contacts").texts() : List.of();
            for (int i = 0; i < contacts.size(); i++) {
                if (!contacts.get(i).matches("[^@\\s]+@[^@\\s]+")) {
                    f.get("contacts").problem("'" + contacts.get(i) + "' is not an e-mail address");
                }
            }
            Map<String, String> roster = new LinkedHashMap<>();
            if (f.containsKey("roster")) {
                for (Map.Entry<String, YamlNode> r : f.get("roster").entries(null).entrySet()) {
                    if (!roles.contains(r.getKey())) {
                        r.getValue().problem("unknown role '" + r.getKey() + "'; roles: " + String.join(", ", roles));
                        continue;
                    }
                    String person = r.getValue().text();
                    if (person != null) roster.put(r.getKey(), person);
                }
            }
            Map<String, ClientProfile.TargetOverride> overrides = new HashMap<>();
            if (f.containsKey("overrides")) {
                for (Map.Entry<String, YamlNode> o : f.get("overrides").entries(null).entrySet()) {
                    if (tiers.stream().noneMatch(t -> t.id().equals(o.getKey()))) {
                        o.getValue().problem("unknown tier '" + o.getKey() + "'");
                        continue;
                    }
                    Map<String, YamlNode> of = o.getValue().entries(YamlNode.keys("response", "resolution"));
                    SlaTarget response = of.containsKey("response") ? of.get("response").parse(SlaDurations::parseTarget) : null;
                    SlaTarget resolution = of.containsKey("resolution") ? of.get("resolution").parse(SlaDurations::parseTarget) : null;
                    overrides.put(o.getKey(), new ClientProfile.TargetOverride(response, resolution));
                }
            }
            if (clientTier == null || calendarId == null || zone == null) return null;
            return new ClientProfile(id, name, clientTier, zone, effectiveCalendar, List.copyOf(contacts),
                    Collections.unmodifiableMap(roster), Collections.unmodifiableMap(overrides), isDefault);
        }

        // ---- classification ----

        private ClassificationRules readClassification(YamlNode node) {
            Map<String, YamlNode> f = node.entries(YamlNode.keys("default", "explicitPriority", "keywords", "sources", "floors"));
            String defaultTier = required(node, f, "default") ? tierRef(f.get("default")) : null;
            boolean honor = true;
            if (f.containsKey("explicitPriority")) {
                String v = f.get("explicitPriority").text();
                if ("ignore".equals(v)) honor = false;
                else if (v != null && !"honor".equals(v)) f.get("explicitPriority").problem("expected 'honor' or 'ignore', found '" + v + "'");
            }
            Set<String> ruleIds = new HashSet<>();
            List<KeywordRule> keywords = new ArrayList<>();
            if (f.containsKey("keywords")) {
                for (YamlNode k : f.get("keywords").items()) {
                    Map<String, YamlNode> kf = k.entries(YamlNode.keys("id", "tier", "phrases", "fields"));
                    String id = ruleId(k, kf, ruleIds);
                    String tier = required(k, kf, "tier") ? tierRef(kf.get("tier")) : null;
                    List<String> phrases = required(k, kf, "phrases") ? kf.get("phrases").texts() : List.of();
                    if (phrases.isEmpty() && kf.containsKey("phrases")) kf.get("phrases").problem("at least one phrase is required");
                    List<Field> fields = new ArrayList<>();
                    if (kf.containsKey("fields")) {
                        for (YamlNode fieldNode : kf.get("fields").isScalar() ? List.of(kf.get("fields")) : kf.get("fields").items()) {
                            Field field = fieldNode.parse(t -> Field.valueOf(enumName(t, "subject, description")));
                            if (field != null) fields.add(field);
                        }
                    } else {
                        fields = List.of(Field.SUBJECT, Field.DESCRIPTION);
                    }
                    if (id != null && tier != null && !phrases.isEmpty()) keywords.add(new KeywordRule(id, tier, phrases, List.copyOf(fields)));
                }
            }
            List<SourceRule> sources = new ArrayList<>();
            if (f.containsKey("sources")) {
                for (YamlNode s : f.get("sources").items()) {
                    Map<String, YamlNode> sf = s.entries(YamlNode.keys("id", "tier", "source", "when"));
                    String id = ruleId(s, sf, ruleIds);
                    String tier = required(s, sf, "tier") ? tierRef(sf.get("tier")) : null;
                    String src = required(s, sf, "source") ? sf.get("source").parse(PolicyLoader::source) : null;
                    Map<String, String> attributes = new LinkedHashMap<>();
                    if (sf.containsKey("when")) {
                        for (Map.Entry<String, YamlNode> a : sf.get("when").entries(null).entrySet()) {
                            String v = a.getValue().text();
                            if (v != null) attributes.put(a.getKey(), v);
                        }
                    }
                    if (id != null && tier != null && src != null) sources.add(new SourceRule(id, tier, src, Map.copyOf(attributes)));
                }
            }
            List<TierFloor> floors = new ArrayList<>();
            if (f.containsKey("floors")) {
                for (YamlNode fl : f.get("floors").items()) {
                    Map<String, YamlNode> ff = fl.entries(YamlNode.keys("id", "clientTier", "source", "atLeast"));
                    String id = ruleId(fl, ff, ruleIds);
                    String clientTier = required(fl, ff, "clientTier") ? ff.get("clientTier").text() : null;
                    String src = ff.containsKey("source") ? ff.get("source").parse(PolicyLoader::source) : null;
                    String atLeast = required(fl, ff, "atLeast") ? tierRef(ff.get("atLeast")) : null;
                    if (id != null && clientTier != null && atLeast != null) floors.add(new TierFloor(id, clientTier, src, atLeast));
                }
            }
            return new ClassificationRules(defaultTier, honor, List.copyOf(keywords), List.copyOf(sources), List.copyOf(floors));
        }

        private String ruleId(YamlNode rule, Map<String, YamlNode> fields, Set<String> seen) {
            if (!required(rule, fields, "id")) return null;
            String id = fields.get("id").text();
            if (id == null) return null;
            if (id.equals("default") || id.equals("explicit-priority")) {
                fields.get("id").problem("'" + id + "' is reserved for the built-in rule");
                return null;
            }
            if (!seen.add(id)) {
                fields.get("id").problem("duplicate rule id '" + id + "'");
                return null;
            }
            return id;
        }

        private String tierRef(YamlNode node) {
            String t = node.text();
            if (t != null && tiers.stream().noneMatch(x -> x.id().equals(t))) {
                node.problem("unknown tier '" + t + "'; tiers: " + String.join(", ", tiers.stream().map(TierPolicy::id).toList()));
                return null;
            }
            return t;
        }
    }

    // ---- value parsers (messages become PolicyProblems) ----

    static ZoneId zone(String text) {
        try {
            return ZoneId.of(text);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + text + "': use an IANA id such as Europe/London or Asia/Manila");
        }
    }

    static double percent(String text) {
        String t = text.endsWith("%") ? text.substring(0, text.length() - 1).trim() : text;
        double p;
        try {
            p = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a percentage such as 75%");
        }
        if (!(p > 0 && p < 100)) {
            throw new IllegalArgumentException("'" + text + "' must be between 0% and 100% (exclusive)");
        }
        return p / 100.0;
    }

    static Metric metric(String text) {
        return Metric.valueOf(enumName(text, "response, resolution"));
    }

    static final Set<String> SOURCES = Set.of("email", "phone", "portal", "chat", "monitoring", "api");

    static String source(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        if (!SOURCES.contains(s)) {
            throw new IllegalArgumentException("unknown source '" + text + "'; sources: email, phone, portal, chat, monitoring, api");
        }
        return s;
    }

    /** The enum constant name for {@code text} when it is exactly one of {@code allowed} (case-insensitive). */
    private static String enumName(String text, String allowed) {
        String t = text.trim();
        for (String a : allowed.split(",\\s*")) {
            if (a.equalsIgnoreCase(t)) {
                return a.toUpperCase(Locale.ROOT);
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not one of " + allowed);
    }
}
