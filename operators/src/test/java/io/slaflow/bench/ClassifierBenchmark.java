package io.slaflow.bench;

import io.slaflow.classify.Classification;
import io.slaflow.classify.ClassificationRules;
import io.slaflow.classify.ClassificationRules.Field;
import io.slaflow.classify.ClassificationRules.KeywordRule;
import io.slaflow.classify.ClassificationRules.SourceRule;
import io.slaflow.classify.ClassificationRules.TierFloor;
import io.slaflow.classify.Classifier;
import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link Classifier#classify} with a large policy: 1,000 keyword rules (1–3 phrases of 1–3 words
 * each, over three tiers), a few source rules and floors, and ~300-character tickets of which about one in ten
 * carries a P1 phrase (most still hit some P2/P3 phrase, as real tickets do). Target: ≥ 500,000 events/s on one
 * core.
 *
 * <p>Run (from the repository root):
 * <pre>
 * mvn -q -o -pl operators test-compile
 * mvn -q -o -pl operators dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * java -cp "operators/target/test-classes:operators/target/classes:$(cat operators/cp.txt)" \
 *     org.openjdk.jmh.Main ClassifierBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(time = 5)
@Measurement(time = 5)
public class ClassifierBenchmark {

    private static final int EVENTS = 1024;
    private static final List<String> TIERS = List.of("P1", "P2", "P3");

    private static final String[] COMPONENTS = {
        "database",
        "db",
        "sql server",
        "oracle",
        "postgres",
        "vpn",
        "firewall",
        "router",
        "core switch",
        "wifi",
        "network",
        "email",
        "outlook",
        "exchange",
        "teams",
        "sharepoint",
        "onedrive",
        "printer",
        "scanner",
        "laptop",
        "desktop",
        "monitor",
        "citrix",
        "vdi",
        "active directory",
        "ldap",
        "sso",
        "mfa",
        "erp",
        "sap",
        "crm",
        "salesforce",
        "website",
        "web server",
        "api",
        "load balancer",
        "dns",
        "dhcp",
        "backup",
        "storage",
        "san",
        "nas",
        "file share",
        "server",
        "vm",
        "hypervisor",
        "payroll",
        "phone system",
        "voip",
        "badge reader",
        "cctv",
        "kubernetes",
        "cluster",
        "disk",
        "certificate",
        "jira",
        "git",
        "ci pipeline",
        "intranet",
        "warehouse scanner"
    };
    private static final String[] P1_SYMPTOMS = {
        "down",
        "outage",
        "unreachable",
        "offline",
        "breach",
        "compromised",
        "encrypted",
        "data loss",
        "not responding",
        "total failure"
    };
    private static final String[] P2_SYMPTOMS = {
        "failing",
        "error",
        "errors",
        "degraded",
        "timeout",
        "timeouts",
        "intermittent",
        "unstable",
        "crashing",
        "high latency",
        "sync issue"
    };
    private static final String[] P3_SYMPTOMS = {
        "slow",
        "request",
        "question",
        "access",
        "upgrade",
        "license",
        "how to",
        "install",
        "configure",
        "reset",
        "new user",
        "quota"
    };
    private static final String[] SINGLE_WORDS = {
        "ransomware",
        "phishing",
        "malware",
        "outage",
        "breach",
        "blackscreen",
        "bsod",
        "lockout",
        "typo",
        "feedback",
        "onboarding",
        "offboarding",
        "refund"
    };

    private static final String[] QUALIFIERS = {
        "prod", "main", "branch", "hq", "remote", "shared", "primary", "secondary", "finance", "warehouse"
    };

    private static final String[] OPENERS = {"Hi team, ", "Hello, ", "Good morning, ", "Hi support, ", ""};
    private static final String[] FILLER = {
        "the user reports that {c} is {s} since this morning.",
        "we noticed {c} {s} after the weekend maintenance window.",
        "Tried rebooting the machine twice, no change.",
        "Error code 0x80070005 is shown on screen.",
        "This affects about 3 people on the second floor.",
        "Could you please have a look when you get a chance?",
        "It worked fine yesterday afternoon.",
        "Ticket created via the self-service portal.",
        "See attached screenshot for details.",
        "Colleagues in the Lyon office see the same thing.",
        "No recent changes on our side as far as I know.",
        "The issue started around 09:40 CET.",
        "Priority for us is moderate, we have a workaround."
    };
    private static final String[] CLOSERS = {
        " Thanks, Alex (Finance)", " Regards, Priya", " Cheers, Tom - IT desk", " Thank you!", ""
    };

    private Classifier classifier;
    private TicketEvent[] events;
    private String[] clientTiers;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        List<KeywordRule> keywordRules = keywordRules(random, 1000);
        ClassificationRules rules = new ClassificationRules(
                "P3",
                true,
                keywordRules,
                List.of(
                        new SourceRule("monitoring-critical", "P1", "monitoring", Map.of("severity", "critical")),
                        new SourceRule("monitoring", "P2", "monitoring", Map.of()),
                        new SourceRule("security-scanner", "P2", "siem", Map.of())),
                List.of(
                        new TierFloor("enterprise-monitoring", "enterprise", "monitoring", "P2"),
                        new TierFloor("enterprise", "enterprise", null, "P3")));
        classifier = new Classifier(rules, TIERS);

        List<String> p1Phrases = keywordRules.stream()
                .filter(r -> r.tier().equals("P1"))
                .flatMap(r -> r.phrases().stream())
                .toList();
        events = new TicketEvent[EVENTS];
        clientTiers = new String[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            events[i] = ticket(random, i, p1Phrases);
            clientTiers[i] = i % 3 == 0 ? "enterprise" : "standard";
        }
        printWorkload(keywordRules);
    }

    @Benchmark
    public Classification classify() {
        int i = next++ & (EVENTS - 1);
        return classifier.classify(events[i], clientTiers[i]);
    }

    private static List<KeywordRule> keywordRules(Random random, int count) {
        Set<String> seen = new LinkedHashSet<>();
        List<KeywordRule> rules = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int rank = i % 20 < 3 ? 0 : i % 20 < 10 ? 1 : 2; // 15% P1, 35% P2, 50% P3
            String[] symptoms = rank == 0 ? P1_SYMPTOMS : rank == 1 ? P2_SYMPTOMS : P3_SYMPTOMS;
            List<String> phrases = new ArrayList<>();
            int wanted = 1 + random.nextInt(3);
            // Bounded retries: duplicates are skipped, and a rule may end up with fewer phrases than wanted.
            for (int attempt = 0; attempt < 100 && phrases.size() < wanted; attempt++) {
                String phrase = phrase(random, symptoms);
                if (seen.add(phrase)) {
                    phrases.add(phrase);
                }
            }
            if (phrases.isEmpty()) {
                throw new IllegalStateException("phrase vocabulary exhausted at rule " + i);
            }
            List<Field> fields = switch (i % 5) {
                case 0 -> List.of(Field.SUBJECT);
                case 1 -> List.of(Field.DESCRIPTION);
                default -> List.of(Field.SUBJECT, Field.DESCRIPTION);
            };
            rules.add(new KeywordRule("kw-" + i, TIERS.get(rank), phrases, fields));
        }
        return rules;
    }

    /** 1–3 words: a single alarming word, "component symptom", or "qualifier component symptom". */
    private static String phrase(Random random, String[] symptoms) {
        if (random.nextInt(15) == 0) {
            return pick(random, SINGLE_WORDS);
        }
        String component = pick(random, COMPONENTS);
        String symptom = pick(random, symptoms);
        if (component.indexOf(' ') < 0 && symptom.indexOf(' ') < 0 && random.nextBoolean()) {
            return pick(random, QUALIFIERS) + " " + component + " " + symptom;
        }
        return component + " " + symptom;
    }

    /** A ~300-character ticket; one in ten mentions a P1 phrase, the rest describe P2/P3-style issues. */
    private static TicketEvent ticket(Random random, int i, List<String> p1Phrases) {
        TicketEvent e = new TicketEvent("e" + i, "T-" + i, "client-" + (i % 40), EventType.CREATED, 0L);
        String component = pick(random, COMPONENTS);
        String symptom = random.nextBoolean() ? pick(random, P2_SYMPTOMS) : pick(random, P3_SYMPTOMS);
        e.subject = random.nextInt(10) == 0
                ? "URGENT: " + p1Phrases.get(random.nextInt(p1Phrases.size()))
                : capitalize(component) + " " + symptom + " for several users";
        StringBuilder d = new StringBuilder(pick(random, OPENERS));
        while (e.subject.length() + d.length() < 270) {
            d.append(pick(random, FILLER)
                            .replace("{c}", pick(random, COMPONENTS))
                            .replace(
                                    "{s}",
                                    random.nextBoolean() ? pick(random, P2_SYMPTOMS) : pick(random, P3_SYMPTOMS)))
                    .append(' ');
        }
        d.append(pick(random, CLOSERS));
        e.description = d.toString();
        e.source = i % 7 == 0 ? "monitoring" : i % 2 == 0 ? "email" : "portal";
        if (i % 7 == 0 && i % 3 == 0) {
            e.extra.put("severity", "\"critical\"");
        }
        return e;
    }

    private void printWorkload(List<KeywordRule> keywordRules) {
        long phrases = keywordRules.stream().mapToLong(r -> r.phrases().size()).sum();
        double chars = 0;
        Map<String, Integer> byRule = new TreeMap<>();
        for (int i = 0; i < EVENTS; i++) {
            chars += events[i].subject.length() + events[i].description.length();
            Classification c = classifier.classify(events[i], clientTiers[i]);
            String kind = c.ruleId().startsWith("kw-") ? "keyword" : c.ruleId();
            byRule.merge(c.tier() + " by " + kind, 1, Integer::sum);
        }
        System.out.printf(
                "%nworkload: %d keyword rules, %d phrases, automaton %d states (%.1f MB table); "
                        + "avg text %.0f chars; outcomes %s%n",
                keywordRules.size(),
                phrases,
                classifier.keywordMatcher().stateCount(),
                classifier.keywordMatcher().tableBytes() / 1e6,
                chars / EVENTS,
                byRule);
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
