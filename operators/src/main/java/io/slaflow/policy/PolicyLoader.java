package io.slaflow.policy;

import io.slaflow.calendar.BusinessCalendar;
import io.slaflow.calendar.CalendarDefinitionException;
import io.slaflow.calendar.Holidays;
import io.slaflow.calendar.WeeklyHours;
import io.slaflow.classify.ClassificationRules;
import io.slaflow.classify.ClassificationRules.Field;
import io.slaflow.classify.ClassificationRules.KeywordRule;
import io.slaflow.classify.ClassificationRules.SourceRule;
import io.slaflow.classify.ClassificationRules.TierFloor;
import io.slaflow.classify.Classifier;
import io.slaflow.contract.ContractTerms;
import io.slaflow.contract.Money;
import io.slaflow.contract.TierTerms;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
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
    /** Every report embeds the logo: keep it small. */
    static final long MAX_LOGO_BYTES = 256 * 1024;
    // no white space, control character (C0, DEL, C1) or separator (U+2028...) anywhere: an address goes into a To:
    // header
    private static final java.util.regex.Pattern EMAIL =
            java.util.regex.Pattern.compile("[^@\\s\\p{Cc}\\p{Z}]+@[^@\\s\\p{Cc}\\p{Z}.]+(\\.[^@\\s\\p{Cc}\\p{Z}.]+)+");
    private static final List<Double> DEFAULT_WARNINGS = List.of(0.5, 0.75, 0.9);

    private final IcalFiles icalFiles;

    /** @param policyFolder the folder of the policy file: its iCal files are read there, and only there */
    public PolicyLoader(Path policyFolder) {
        this(IcalFiles.inFolder(policyFolder));
    }

    /** @param icalFiles where the policy's iCal files come from ({@link IcalFiles}) */
    public PolicyLoader(IcalFiles icalFiles) {
        this.icalFiles = icalFiles;
    }

    /** Larger files are refused before they are read: the YAML parser stops at this many code points anyway. */
    static final long MAX_POLICY_BYTES = 16L * 1024 * 1024;

    public static SlaPolicy load(Path file) throws InvalidPolicyException {
        return read(file).policy();
    }

    /** Reads and validates a policy file once: its text and the policy (iCal files resolved in the file's folder). */
    public static PolicyFile read(Path file) throws InvalidPolicyException {
        String text;
        try {
            if (Files.exists(file) && !Files.isDirectory(file) && !Files.isRegularFile(file)) {
                // a device or a pipe (/dev/zero) would be read until the heap is full
                throw new InvalidPolicyException(List.of(new PolicyProblem(
                        file.toString(), 0, 0, "", "not a regular file (a device or a pipe): expected a YAML file")));
            }
            if (Files.isRegularFile(file) && Files.size(file) > MAX_POLICY_BYTES) {
                throw new InvalidPolicyException(List.of(new PolicyProblem(
                        file.toString(),
                        0,
                        0,
                        "",
                        "the file has " + Files.size(file) + " bytes: a policy is at most " + MAX_POLICY_BYTES
                                + " bytes")));
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidPolicyException(List.of(new PolicyProblem(
                    file.toString(), 0, 0, "", "policy file not found (looked at " + file.toAbsolutePath() + ")")));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidPolicyException(
                    List.of(new PolicyProblem(file.toString(), 0, 0, "", "the policy file is not UTF-8 text")));
        } catch (IOException e) {
            String why = Files.isDirectory(file)
                    ? "it is a directory, expected a YAML file"
                    : e.getClass().getSimpleName();
            throw new InvalidPolicyException(
                    List.of(new PolicyProblem(file.toString(), 0, 0, "", "cannot read the policy file: " + why)));
        }
        return new PolicyFile(text, new PolicyLoader(file.toAbsolutePath().getParent()).parse(text, file.toString()));
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
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new InvalidPolicyException(List.of(new PolicyProblem(
                    source,
                    mark == null ? 0 : mark.getLine() + 1,
                    mark == null ? 0 : mark.getColumn() + 1,
                    "",
                    "not valid YAML: " + e.getProblem() + context)));
        } catch (YAMLException e) {
            throw new InvalidPolicyException(
                    List.of(new PolicyProblem(source, 0, 0, "", "not valid YAML: " + e.getMessage())));
        }
        if (root == null) {
            throw new InvalidPolicyException(List.of(new PolicyProblem(
                    source,
                    1,
                    1,
                    "",
                    "the policy is empty: expected a mapping with version, roles, calendars, tiers, defaultClient"
                            + " and classification")));
        }
        PolicyText.check(root, problems);
        if (!problems.list.isEmpty()) {
            throw new InvalidPolicyException(List.copyOf(problems.list));
        }
        SlaPolicy policy;
        try {
            policy = new Reader(problems, source).read(new YamlNode(root, "", problems));
        } catch (RuntimeException e) {
            // a bug or a case the reader does not foresee: still refuse the policy with a located problem
            problems.add(root, "", "cannot read the policy: " + e);
            policy = null;
        }
        if (!problems.list.isEmpty()) {
            List<PolicyProblem> sorted = new ArrayList<>(problems.list);
            sorted.sort(java.util.Comparator.comparingInt(PolicyProblem::line).thenComparingInt(PolicyProblem::column));
            throw new InvalidPolicyException(sorted);
        }
        return policy;
    }

    /** One parse: holds what sections need from each other (calendars, tiers, roles). */
    private final class Reader {
        private final YamlNode.Problems problems;
        private final String source;
        private final Map<String, CalendarSpec> calendarSpecs = new LinkedHashMap<>();
        /** Every calendar id the file defines, also those with a problem (so references to them do not cascade). */
        private final Set<String> calendarIds = new LinkedHashSet<>();

        private final Map<String, BusinessCalendar> calendars = new LinkedHashMap<>();
        private final Set<String> roles = new LinkedHashSet<>();
        private final List<TierPolicy> tiers = new ArrayList<>();
        /** The holidays of each iCal file, by the path as written: what the loaded policy carries to the cluster. */
        private final Map<String, Holidays> resolvedIcal = new java.util.TreeMap<>();

        Reader(YamlNode.Problems problems, String source) {
            this.problems = problems;
            this.source = source;
        }

        SlaPolicy read(YamlNode root) {
            Map<String, YamlNode> top = root.entries(YamlNode.keys(
                    "version",
                    "roles",
                    "calendars",
                    "warnings",
                    "tiers",
                    "pauses",
                    "defaultClient",
                    "clients",
                    "classification",
                    "chains",
                    "routing",
                    "msp"));
            String version = required(root, top, "version") ? top.get("version").text() : null;

            if (required(root, top, "roles")) {
                for (YamlNode r : top.get("roles").items()) {
                    String role = r.text();
                    if (role != null && !roles.add(role)) r.problem("role '" + role + "' is listed twice");
                }
            }
            if (required(root, top, "calendars")) readCalendars(top.get("calendars"));
            List<Double> defaultWarnings =
                    top.containsKey("warnings") ? readWarnings(top.get("warnings")) : DEFAULT_WARNINGS;
            if (required(root, top, "tiers")) readTiers(top.get("tiers"), defaultWarnings);
            Map<String, Set<Metric>> pauses = top.containsKey("pauses") ? readPauses(top.get("pauses")) : Map.of();

            ClientProfile defaultClient = required(root, top, "defaultClient")
                    ? readClient(top.get("defaultClient"), DEFAULT_CLIENT_ID, true, null)
                    : null;
            Map<String, ClientProfile> clients = new LinkedHashMap<>();
            Set<String> seen = new LinkedHashSet<>(); // every client id listed, also those with a problem
            if (top.containsKey("clients")) {
                for (YamlNode c : top.get("clients").items()) {
                    String peeked = c.peekText("id");
                    YamlNode named = peeked == null ? c : c.withPath("clients[" + peeked + "]");
                    ClientProfile profile = readClient(named, null, false, seen);
                    if (profile != null) clients.put(profile.id(), profile);
                }
            }
            ClassificationRules classification =
                    required(root, top, "classification") ? readClassification(top.get("classification")) : null;
            if (classification != null && problems.list.isEmpty()) {
                // the classifier is built from these rules when the policy is compiled: refuse now what it would refuse
                // then
                try {
                    new Classifier(
                            classification, tiers.stream().map(TierPolicy::id).toList());
                } catch (IllegalArgumentException e) {
                    top.get("classification").problem("the rules cannot be used: " + e.getMessage());
                }
            }
            ChainSettings chains = readChains(top.get("chains"));
            RoutingPolicy routing = new RoutingSectionReader(
                            tiers.stream().map(TierPolicy::id).toList(), roles, seen)
                    .read(top.get("routing"));
            MspBranding msp = top.containsKey("msp") ? readMsp(top.get("msp")) : MspBranding.NONE;
            return new SlaPolicy(
                    version,
                    source,
                    Collections.unmodifiableMap(calendars),
                    List.copyOf(tiers),
                    pauses,
                    Collections.unmodifiableSet(roles),
                    Collections.unmodifiableMap(clients),
                    defaultClient,
                    classification,
                    chains,
                    routing,
                    Collections.unmodifiableMap(resolvedIcal),
                    msp);
        }

        private boolean required(YamlNode parent, Map<String, YamlNode> entries, String key) {
            if (entries.containsKey(key)) return true;
            if (parent.isMapping()) {
                problems.add(
                        parent.node(),
                        parent.path().isEmpty() ? key : parent.path() + "." + key,
                        "missing required field '" + key + "'");
            }
            return false;
        }

        // ---- calendars ----

        private void readCalendars(YamlNode node) {
            for (Map.Entry<String, YamlNode> e : node.entries(null).entrySet()) {
                String id = e.getKey();
                YamlNode cal = e.getValue();
                calendarIds.add(id);
                if (id.equals(TierPolicy.CLIENT_CALENDAR) || id.contains("@")) {
                    problems.add(
                            cal.node(),
                            cal.path(),
                            "'" + id + "' cannot be a calendar id: 'client' is reserved"
                                    + " for the client's own calendar and '@' for calendars re-zoned per client");
                }
                Map<String, YamlNode> f = cal.entries(YamlNode.keys("timeZone", "hours", "holidays"));
                ZoneId zone = required(cal, f, "timeZone") ? f.get("timeZone").parse(PolicyLoader::zone) : null;
                if (!required(cal, f, "hours")) continue;
                CalendarSpec spec = readCalendarSpec(id, f.get("hours"), f.get("holidays"));
                if (spec != null && zone != null) {
                    calendarSpecs.put(id, spec);
                    calendars.put(id, spec.build(id, zone));
                }
            }
        }

        private CalendarSpec readCalendarSpec(String id, YamlNode hours, YamlNode holidays) {
            if (hours.isScalar()) {
                String h = hours.text();
                if (h == null) return null;
                if (h.equalsIgnoreCase("always") || h.equalsIgnoreCase("24x7") || h.equals("24/7")) {
                    if (holidays != null)
                        holidays.problem("a 24x7 calendar has no holidays: remove them or give working hours");
                    return CalendarSpec.alwaysOpen();
                }
                hours.problem(
                        "'" + h
                                + "' is not working hours: write 'always' for 24x7 or a mapping such as mon-fri: \"09:00-17:30\"");
                return null;
            }
            Map<String, String> week = new LinkedHashMap<>();
            Map<String, YamlNode> dayNodes = hours.entries(null);
            boolean ok = hours.isMapping();
            for (Map.Entry<String, YamlNode> day : dayNodes.entrySet()) {
                YamlNode v = day.getValue();
                String ranges = v.isSequence() ? String.join(", ", v.texts()) : v.text();
                if (ranges == null || ranges.isEmpty()) {
                    ok = false;
                } else {
                    week.put(day.getKey(), ranges);
                }
            }
            WeeklyHours weekly = null;
            if (hours.isMapping()) {
                try {
                    weekly = WeeklyHours.parse(week);
                    if (!weekly.hasWorkingTime()) {
                        hours.problem("calendar '" + id + "' has no working time on any day: give it working hours"
                                + " or write hours: always for 24x7");
                        weekly = null;
                    }
                } catch (CalendarDefinitionException e) {
                    YamlNode at = e.detailField().map(dayNodes::get).orElse(hours);
                    problems.add(
                            at.node(),
                            hours.path() + e.detailField().map(k -> "." + k).orElse(""),
                            e.getMessage());
                }
            }
            List<java.time.LocalDate> dates = new ArrayList<>();
            Holidays fromFiles = Holidays.none();
            if (holidays != null) {
                Map<String, YamlNode> h = holidays.entries(YamlNode.keys("dates", "ical"));
                if (h.containsKey("dates")) {
                    for (YamlNode d : h.get("dates").items()) {
                        java.time.LocalDate date = d.parse(PolicyLoader::date);
                        if (date != null) dates.add(date);
                        else ok = false;
                    }
                }
                if (h.containsKey("ical")) {
                    for (YamlNode f : h.get("ical").isScalar()
                            ? List.of(h.get("ical"))
                            : h.get("ical").items()) {
                        Holidays fromFile = readIcs(f);
                        if (fromFile == null) ok = false;
                        else fromFiles = fromFiles.union(fromFile);
                    }
                }
            }
            if (weekly == null || !ok) return null;
            return CalendarSpec.workingHours(weekly, Holidays.of(dates).union(fromFiles));
        }

        private Holidays readIcs(YamlNode f) {
            String p = f.text();
            if (p == null) return null;
            try {
                Holidays h = icalFiles.holidays(p);
                resolvedIcal.put(p, h);
                return h;
            } catch (IllegalArgumentException e) {
                f.problem(e.getMessage());
                return null;
            }
        }

        // ---- tiers ----

        private List<Double> readWarnings(YamlNode node) {
            List<Double> out = new ArrayList<>();
            String lastText = null;
            for (YamlNode w : node.items()) {
                Double fraction = w.parse(PolicyLoader::percent);
                if (fraction == null) continue;
                if (!out.isEmpty() && fraction <= out.get(out.size() - 1)) {
                    w.problem("warning points must be ascending and distinct: " + w.text() + " does not come after "
                            + lastText);
                    continue;
                }
                out.add(fraction);
                lastText = w.text();
            }
            return List.copyOf(out);
        }

        private void readTiers(YamlNode node, List<Double> defaultWarnings) {
            Map<String, String> ids = new HashMap<>(); // lower case -> as written
            List<YamlNode> items = node.items();
            for (YamlNode t : items) {
                String peeked = t.peekText("id");
                YamlNode tier = peeked == null ? t : t.withPath("tiers[" + peeked + "]");
                Map<String, YamlNode> f = tier.entries(
                        YamlNode.keys("id", "name", "calendar", "response", "resolution", "warnings", "escalation"));
                String id = required(tier, f, "id") ? f.get("id").text() : null;
                boolean duplicate = false;
                if (id != null) {
                    String earlier = ids.putIfAbsent(id.toLowerCase(Locale.ROOT), id);
                    if (earlier != null) {
                        f.get("id")
                                .problem(
                                        earlier.equals(id)
                                                ? "duplicate tier '" + id + "': each tier is listed once"
                                                : "duplicate tier '" + id + "': tier ids compare ignoring case and '"
                                                        + earlier + "' exists");
                        duplicate = true;
                    }
                }
                String name = f.containsKey("name") ? f.get("name").text() : id;
                String calendar =
                        required(tier, f, "calendar") ? f.get("calendar").text() : null;
                if (calendar != null
                        && !calendar.equals(TierPolicy.CLIENT_CALENDAR)
                        && !calendarIds.contains(calendar)) {
                    f.get("calendar")
                            .problem("unknown calendar '" + calendar + "'; calendars: " + String.join(", ", calendarIds)
                                    + " (or 'client' for the client's own calendar)");
                }
                SlaTarget response =
                        required(tier, f, "response") ? f.get("response").parse(SlaDurations::parseTarget) : null;
                SlaTarget resolution =
                        required(tier, f, "resolution") ? f.get("resolution").parse(SlaDurations::parseTarget) : null;
                List<Double> warnings = f.containsKey("warnings") ? readWarnings(f.get("warnings")) : defaultWarnings;
                List<EscalationStep> ladder = f.containsKey("escalation") ? readLadder(f.get("escalation")) : List.of();
                if (id != null && !duplicate) {
                    tiers.add(new TierPolicy(id, name, tiers.size(), calendar, response, resolution, warnings, ladder));
                }
            }
            if (items.isEmpty() && node.isSequence()) node.problem("at least one tier is required");
        }

        // ---- chains (CEP patterns) ----

        /** The {@code chains:} section; every field is optional and defaults to {@link ChainSettings#defaults}. */
        private ChainSettings readChains(YamlNode node) {
            ChainSettings d =
                    ChainSettings.defaults(tiers.isEmpty() ? null : tiers.get(0).id());
            if (node == null) return d;
            Map<String, YamlNode> f = node.entries(
                    YamlNode.keys("doubleBreach", "escalationIgnored", "breachStorm", "reopenLoop", "atRiskSurge"));
            Map<String, YamlNode> db = section(f, "doubleBreach", "within");
            Map<String, YamlNode> ei = section(f, "escalationIgnored", "after", "fallbackRole");
            Map<String, YamlNode> bs = section(f, "breachStorm", "count", "within", "role");
            Map<String, YamlNode> rl = section(f, "reopenLoop", "count", "within");
            Map<String, YamlNode> as = section(f, "atRiskSurge", "count", "tier", "within", "role");
            return new ChainSettings(
                    window(db, "within", d.doubleBreachWithin()),
                    window(ei, "after", d.escalationIgnoredAfter()),
                    chainRole(ei, "fallbackRole", d.escalationFallbackRole()),
                    count(bs, d.breachStormCount()),
                    window(bs, "within", d.breachStormWithin()),
                    chainRole(bs, "role", d.breachStormRole()),
                    count(rl, d.reopenLoopCount()),
                    window(rl, "within", d.reopenLoopWithin()),
                    count(as, d.atRiskSurgeCount()),
                    as.containsKey("tier") ? tierRef(as.get("tier")) : d.atRiskSurgeTier(),
                    window(as, "within", d.atRiskSurgeWithin()),
                    chainRole(as, "role", d.atRiskSurgeRole()));
        }

        private Map<String, YamlNode> section(Map<String, YamlNode> chains, String name, String... keys) {
            YamlNode n = chains.get(name);
            return n == null ? Map.of() : n.entries(YamlNode.keys(keys));
        }

        private Duration window(Map<String, YamlNode> f, String key, Duration dflt) {
            YamlNode n = f.get(key);
            if (n == null) return dflt;
            Duration d = n.parse(PolicyLoader::chainWindow);
            return d == null ? dflt : d;
        }

        private int count(Map<String, YamlNode> f, int dflt) {
            YamlNode n = f.get("count");
            if (n == null) return dflt;
            Integer c = n.parse(PolicyLoader::chainCount);
            return c == null ? dflt : c;
        }

        private String chainRole(Map<String, YamlNode> f, String key, String dflt) {
            YamlNode n = f.get(key);
            if (n == null) return dflt;
            String role = n.text();
            if (role != null && !roles.contains(role)) {
                n.problem("unknown role '" + role + "'; roles: " + String.join(", ", roles)
                        + " (declare it under roles)");
            }
            return role == null ? dflt : role;
        }

        private List<EscalationStep> readLadder(YamlNode node) {
            List<EscalationStep> ladder = new ArrayList<>();
            EscalationTrigger.AfterBreach lastFixed = null;
            int lastFixedLevel = 0;
            int level = 1;
            for (YamlNode s : node.items()) {
                Map<String, YamlNode> f = s.entries(YamlNode.keys("when", "role", "metrics"));
                EscalationTrigger trigger =
                        required(s, f, "when") ? f.get("when").parse(SlaDurations::parseTrigger) : null;
                String role = required(s, f, "role") ? f.get("role").text() : null;
                if (role != null && !roles.contains(role)) {
                    f.get("role")
                            .problem("unknown role '" + role + "'; roles: " + String.join(", ", roles)
                                    + " (declare it under roles)");
                }
                Set<Metric> metrics =
                        f.containsKey("metrics") ? readMetrics(f.get("metrics")) : EnumSet.allOf(Metric.class);
                if (f.containsKey("metrics")
                        && f.get("metrics").isSequence()
                        && f.get("metrics").items().isEmpty()) {
                    f.get("metrics").problem("at least one metric is required: response, resolution");
                }
                if (trigger instanceof EscalationTrigger.AfterBreach after) {
                    if (lastFixed != null && after.delay().compareTo(lastFixed.delay()) < 0) {
                        f.get("when")
                                .problem("level " + level + " ('" + after.text() + "') fires before level "
                                        + lastFixedLevel + " ('" + lastFixed.text()
                                        + "'): list escalation levels in firing order");
                    }
                    lastFixed = after;
                    lastFixedLevel = level;
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
                    e.getValue()
                            .problem("status '" + e.getKey()
                                    + "' is listed twice (statuses compare case-insensitively)");
                    continue;
                }
                pauses.put(status, Collections.unmodifiableSet(readMetrics(e.getValue())));
            }
            return Collections.unmodifiableMap(pauses);
        }

        // ---- clients ----

        private ClientProfile readClient(YamlNode c, String fixedId, boolean isDefault, Set<String> seenIds) {
            Map<String, YamlNode> f = c.entries(
                    isDefault
                            ? YamlNode.keys(
                                    "name",
                                    "tier",
                                    "timeZone",
                                    "calendar",
                                    "contacts",
                                    "roster",
                                    "ticketUrl",
                                    "contract")
                            : YamlNode.keys(
                                    "id",
                                    "name",
                                    "tier",
                                    "timeZone",
                                    "calendar",
                                    "contacts",
                                    "roster",
                                    "overrides",
                                    "ticketUrl",
                                    "contract"));
            String id = fixedId;
            boolean duplicate = false;
            if (!isDefault) {
                id = required(c, f, "id") ? f.get("id").text() : null;
                if (id != null && id.equals(DEFAULT_CLIENT_ID)) {
                    f.get("id").problem("client id '" + id + "' is reserved for the default client profile");
                } else if (id != null && !seenIds.add(id)) {
                    f.get("id").problem("duplicate client '" + id + "': each client is listed once");
                    duplicate = true;
                }
            }
            String name = f.containsKey("name") ? f.get("name").text() : id;
            String clientTier = required(c, f, "tier") ? f.get("tier").text() : null;
            String calendarId = required(c, f, "calendar") ? f.get("calendar").text() : null;
            CalendarSpec spec = calendarId == null ? null : calendarSpecs.get(calendarId);
            if (calendarId != null && !calendarIds.contains(calendarId)) {
                f.get("calendar")
                        .problem("unknown calendar '" + calendarId + "'; calendars: " + String.join(", ", calendarIds));
            }
            ZoneId zone = f.containsKey("timeZone")
                    ? f.get("timeZone").parse(PolicyLoader::zone)
                    : spec == null ? null : calendars.get(calendarId).zone();
            // A calendar is a template: a client in another zone gets the same hours and holidays in its own zone.
            String effectiveCalendar = calendarId;
            if (spec != null
                    && zone != null
                    && !zone.equals(calendars.get(calendarId).zone())) {
                effectiveCalendar = calendarId + "@" + zone.getId();
                calendars.computeIfAbsent(effectiveCalendar, k -> spec.build(k, zone));
            }
            List<String> contacts = new ArrayList<>();
            if (f.containsKey("contacts")) {
                YamlNode cn = f.get("contacts");
                for (YamlNode contact : cn.isScalar() ? List.of(cn) : cn.items()) {
                    String address = contact.text();
                    if (address == null) continue;
                    if (!EMAIL.matcher(address).matches()) {
                        contact.problem(
                                "'" + address + "' is not an e-mail address (expected e.g. it-director@acme.example)");
                    } else {
                        contacts.add(address);
                    }
                }
            }
            Map<String, String> roster = new LinkedHashMap<>();
            if (f.containsKey("roster")) {
                for (Map.Entry<String, YamlNode> r :
                        f.get("roster").entries(null).entrySet()) {
                    if (!roles.contains(r.getKey())) {
                        r.getValue()
                                .problem("unknown role '" + r.getKey() + "'; roles: " + String.join(", ", roles)
                                        + " (declare it under roles)");
                        continue;
                    }
                    String person = r.getValue().text();
                    if (person != null) roster.put(r.getKey(), person);
                }
            }
            Map<String, ClientProfile.TargetOverride> overrides = new HashMap<>();
            if (f.containsKey("overrides")) {
                for (Map.Entry<String, YamlNode> o :
                        f.get("overrides").entries(null).entrySet()) {
                    if (tiers.stream().noneMatch(t -> t.id().equals(o.getKey()))) {
                        o.getValue()
                                .problem("unknown tier '" + o.getKey() + "'; tiers: "
                                        + String.join(
                                                ", ",
                                                tiers.stream()
                                                        .map(TierPolicy::id)
                                                        .toList()));
                        continue;
                    }
                    Map<String, YamlNode> of = o.getValue().entries(YamlNode.keys("response", "resolution"));
                    SlaTarget response =
                            of.containsKey("response") ? of.get("response").parse(SlaDurations::parseTarget) : null;
                    SlaTarget resolution =
                            of.containsKey("resolution") ? of.get("resolution").parse(SlaDurations::parseTarget) : null;
                    overrides.put(o.getKey(), new ClientProfile.TargetOverride(response, resolution));
                }
            }
            String ticketUrl = f.containsKey("ticketUrl") ? f.get("ticketUrl").parse(PolicyLoader::ticketUrl) : null;
            ContractTerms contract = f.containsKey("contract") ? readContract(f.get("contract")) : ContractTerms.NONE;
            if (id == null || duplicate || clientTier == null || calendarId == null || zone == null) return null;
            return new ClientProfile(
                    id,
                    name,
                    clientTier,
                    zone,
                    effectiveCalendar,
                    List.copyOf(contacts),
                    Collections.unmodifiableMap(roster),
                    Collections.unmodifiableMap(overrides),
                    isDefault,
                    ticketUrl,
                    contract == null ? ContractTerms.NONE : contract);
        }

        // ---- contract terms and branding (client reports) ----

        /** {@code contract: {monthlyFee: 24000 USD, creditCap: 15%, tiers: {P1: {goal: 99%, credit: 10%}}}}. */
        private ContractTerms readContract(YamlNode node) {
            Map<String, YamlNode> f = node.entries(YamlNode.keys("monthlyFee", "creditCap", "tiers"));
            Money fee = f.containsKey("monthlyFee") ? f.get("monthlyFee").parse(Money::parse) : null;
            BigDecimal cap = f.containsKey("creditCap")
                    ? f.get("creditCap").parse(PolicyLoader::share)
                    : BigDecimal.valueOf(100);
            Map<String, TierTerms> terms = new LinkedHashMap<>();
            boolean anyCredit = false;
            if (f.containsKey("tiers")) {
                for (Map.Entry<String, YamlNode> t :
                        f.get("tiers").entries(null).entrySet()) {
                    if (tiers.stream().noneMatch(x -> x.id().equals(t.getKey()))) {
                        t.getValue()
                                .problem("unknown tier '" + t.getKey() + "'; tiers: "
                                        + String.join(
                                                ", ",
                                                tiers.stream()
                                                        .map(TierPolicy::id)
                                                        .toList()));
                        continue;
                    }
                    Map<String, YamlNode> tf = t.getValue().entries(YamlNode.keys("goal", "credit"));
                    if (!required(t.getValue(), tf, "goal")) continue;
                    BigDecimal goal = tf.get("goal").parse(PolicyLoader::share);
                    BigDecimal credit =
                            tf.containsKey("credit") ? tf.get("credit").parse(PolicyLoader::share) : BigDecimal.ZERO;
                    if (goal == null || credit == null) continue;
                    if (goal.signum() == 0) {
                        tf.get("goal")
                                .problem("a goal of 0% commits to nothing: give the adherence the contract promises");
                        continue;
                    }
                    anyCredit |= credit.signum() > 0;
                    terms.put(t.getKey(), new TierTerms(goal.doubleValue(), credit));
                }
            }
            if (anyCredit && fee == null && !f.containsKey("monthlyFee")) {
                node.problem(
                        "service credits are a share of the monthly fee: give contract.monthlyFee (e.g. 24000 USD)");
            }
            if (cap == null) return null;
            return new ContractTerms(fee, cap, terms);
        }

        /** {@code msp: {name: Northwind Managed Services, logo: branding/logo.png}}: the logo is inlined. */
        private MspBranding readMsp(YamlNode node) {
            Map<String, YamlNode> f = node.entries(YamlNode.keys("name", "logo"));
            String name = f.containsKey("name") ? f.get("name").text() : null;
            String logo = f.containsKey("logo") ? readLogo(f.get("logo")) : null;
            return new MspBranding(name, logo);
        }

        private String readLogo(YamlNode f) {
            String p = f.text();
            if (p == null) return null;
            // a policy parsed without a folder (a version from the sla-policies topic, compiled by the enforcer on a
            // task manager) has nothing to read the logo from, and the enforcer draws no report: it is left out
            if (!(icalFiles instanceof PolicyFolder folder)) return null;
            try {
                // the iCal files' rules (PolicyFolder): the logo's bytes go into every client's report, so a link or
                // a path out of the folder would hand a host file to the clients
                return folder.logoDataUri(p, MAX_LOGO_BYTES);
            } catch (IllegalArgumentException e) {
                f.problem(e.getMessage());
                return null;
            }
        }

        // ---- classification ----

        private ClassificationRules readClassification(YamlNode node) {
            Map<String, YamlNode> f =
                    node.entries(YamlNode.keys("default", "explicitPriority", "keywords", "sources", "floors"));
            String defaultTier = required(node, f, "default") ? tierRef(f.get("default")) : null;
            boolean honor = true;
            if (f.containsKey("explicitPriority")) {
                String v = f.get("explicitPriority").text();
                if ("ignore".equals(v)) honor = false;
                else if (v != null && !"honor".equals(v))
                    f.get("explicitPriority").problem("expected 'honor' or 'ignore', found '" + v + "'");
            }
            Set<String> ruleIds = new HashSet<>();
            List<KeywordRule> keywords = new ArrayList<>();
            if (f.containsKey("keywords")) {
                for (YamlNode k : f.get("keywords").items()) {
                    Map<String, YamlNode> kf = k.entries(YamlNode.keys("id", "tier", "phrases", "fields"));
                    String id = ruleId(k, kf, ruleIds);
                    String tier = required(k, kf, "tier") ? tierRef(kf.get("tier")) : null;
                    List<String> phrases =
                            required(k, kf, "phrases") ? kf.get("phrases").texts() : List.of();
                    if (phrases.isEmpty() && kf.containsKey("phrases"))
                        kf.get("phrases").problem("at least one phrase is required");
                    List<Field> fields = new ArrayList<>();
                    if (kf.containsKey("fields")) {
                        for (YamlNode fieldNode : kf.get("fields").isScalar()
                                ? List.of(kf.get("fields"))
                                : kf.get("fields").items()) {
                            Field field = fieldNode.parse(t -> Field.valueOf(enumName(t, "subject, description")));
                            if (field != null) fields.add(field);
                        }
                        if (kf.get("fields").isSequence()
                                && kf.get("fields").items().isEmpty()) {
                            kf.get("fields").problem("at least one field is required: subject, description");
                        }
                    } else {
                        fields = List.of(Field.SUBJECT, Field.DESCRIPTION);
                    }
                    if (id != null && tier != null && !phrases.isEmpty())
                        keywords.add(new KeywordRule(id, tier, phrases, List.copyOf(fields)));
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
                        for (Map.Entry<String, YamlNode> a :
                                sf.get("when").entries(null).entrySet()) {
                            String v = a.getValue().text();
                            if (v != null) attributes.put(a.getKey(), v);
                        }
                    }
                    if (id != null && tier != null && src != null)
                        sources.add(new SourceRule(id, tier, src, Map.copyOf(attributes)));
                }
            }
            List<TierFloor> floors = new ArrayList<>();
            if (f.containsKey("floors")) {
                for (YamlNode fl : f.get("floors").items()) {
                    Map<String, YamlNode> ff = fl.entries(YamlNode.keys("id", "clientTier", "source", "atLeast"));
                    String id = ruleId(fl, ff, ruleIds);
                    String clientTier = required(fl, ff, "clientTier")
                            ? ff.get("clientTier").text()
                            : null;
                    String src = ff.containsKey("source") ? ff.get("source").parse(PolicyLoader::source) : null;
                    String atLeast = required(fl, ff, "atLeast") ? tierRef(ff.get("atLeast")) : null;
                    if (id != null && clientTier != null && atLeast != null)
                        floors.add(new TierFloor(id, clientTier, src, atLeast));
                }
            }
            return new ClassificationRules(
                    defaultTier, honor, List.copyOf(keywords), List.copyOf(sources), List.copyOf(floors));
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
                node.problem("unknown tier '" + t + "'; tiers: "
                        + String.join(", ", tiers.stream().map(TierPolicy::id).toList()));
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
            throw new IllegalArgumentException(
                    "unknown time zone '" + text + "': use an IANA id such as Europe/London or Asia/Manila");
        }
    }

    /** A chain pattern's window: a positive wall-clock span ({@code 30m}, {@code 24h}, {@code 7d}), at most 366 days. */
    static Duration chainWindow(String text) {
        if (text.toLowerCase(Locale.ROOT).contains("business")) {
            throw new IllegalArgumentException("'" + text + "': a chain window is wall-clock time, not business time;"
                    + " write e.g. 30m, 24h or 7d");
        }
        Duration d = SlaDurations.parseSpan(text);
        if (d.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is zero: a chain window must be positive");
        }
        return d;
    }

    static int chainCount(String text) {
        if (!text.matches("\\d{1,9}")) {
            throw new IllegalArgumentException("'" + text + "' is not a count: write a whole number such as 3");
        }
        int n = Integer.parseInt(text);
        if (n < 1 || n > ChainSettings.MAX_COUNT) {
            throw new IllegalArgumentException("count " + n + " is out of range: 1 to " + ChainSettings.MAX_COUNT);
        }
        return n;
    }

    static java.time.LocalDate date(String text) {
        try {
            return java.time.LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException ex) {
            boolean shaped = text.matches("\\d{4}-\\d{2}-\\d{2}");
            throw new IllegalArgumentException("'" + text + "' is not a date: "
                    + (shaped ? "no such day in the calendar" : "write it as YYYY-MM-DD, e.g. 2026-12-25"));
        }
    }

    /** A share in percent, 0% to 100%, with its % sign ({@code 15%}, {@code 99.5%}). */
    static BigDecimal share(String text) {
        String t = text.strip();
        if (!t.endsWith("%") || !t.substring(0, t.length() - 1).strip().matches("\\d+(\\.\\d+)?")) {
            throw new IllegalArgumentException("'" + text + "' is not a percentage: write e.g. 99.5%");
        }
        BigDecimal p = new BigDecimal(t.substring(0, t.length() - 1).strip());
        if (p.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is out of range: at most 100%");
        }
        return p;
    }

    /** An http(s) URL template with {@code {ticketId}} where the ticket id goes. */
    static String ticketUrl(String text) {
        String t = text.strip();
        if (!(t.startsWith("https://") || t.startsWith("http://"))) {
            throw new IllegalArgumentException("'" + text + "' is not an http(s) URL");
        }
        if (!t.contains("{ticketId}")) {
            throw new IllegalArgumentException("'" + text + "' has no {ticketId}: write where the ticket id goes, e.g. "
                    + "https://helpdesk.example/Ticket/Display.html?id={ticketId}");
        }
        try {
            java.net.URI.create(t.replace("{ticketId}", "0"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid URL");
        }
        return t;
    }

    static double percent(String text) {
        boolean sign = text.endsWith("%");
        String t = sign ? text.substring(0, text.length() - 1).trim() : text;
        if (!t.matches("\\d+(\\.\\d+)?")) {
            throw new IllegalArgumentException("'" + text + "' is not a percentage: write e.g. 75%");
        }
        double p = Double.parseDouble(t);
        if (!(p > 0 && p < 100)) {
            throw new IllegalArgumentException(
                    "'" + text + "' is out of range: a warning point is above 0% and below 100%");
        }
        if (!sign && p < 1) {
            throw new IllegalArgumentException(
                    "'" + text + "' is ambiguous: write percentages with a % sign, e.g. 50% for half");
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
            throw new IllegalArgumentException(
                    "unknown source '" + text + "'; sources: email, phone, portal, chat, monitoring, api");
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
