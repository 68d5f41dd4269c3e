package io.slaflow.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slaflow.classify.ClassificationRules.Field;
import io.slaflow.classify.ClassificationRules.KeywordRule;
import io.slaflow.classify.ClassificationRules.SourceRule;
import io.slaflow.classify.ClassificationRules.TierFloor;
import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClassifierTest {

    private static final List<String> TIERS = List.of("P1", "P2", "P3", "P4");
    private static final List<Field> BOTH = List.of(Field.SUBJECT, Field.DESCRIPTION);

    /** The policy the precedence table runs against. */
    private static ClassificationRules rules(boolean honorExplicitPriority) {
        return new ClassificationRules(
                "P4",
                honorExplicitPriority,
                List.of(
                        new KeywordRule("kw-outage", "P1", List.of("outage", "site down"), BOTH),
                        new KeywordRule("kw-slow", "P3", List.of("slow"), List.of(Field.SUBJECT)),
                        new KeywordRule("kw-error", "P2", List.of("error"), List.of(Field.DESCRIPTION)),
                        new KeywordRule("kw-down", "P2", List.of("down"), BOTH),
                        new KeywordRule("kw-server-down", "P2", List.of("server down"), BOTH)),
                List.of(
                        new SourceRule("src-monitoring-critical", "P1", "monitoring", Map.of("severity", "critical")),
                        new SourceRule("src-monitoring", "P2", "monitoring", Map.of()),
                        new SourceRule("src-prod-any-source", "P2", null, Map.of("env", "prod"))),
                List.of(
                        new TierFloor("floor-ent-monitoring", "enterprise", "monitoring", "P2"),
                        new TierFloor("floor-ent", "enterprise", null, "P3"),
                        new TierFloor("floor-ent-again", "enterprise", null, "P3"),
                        new TierFloor("floor-vip", "vip", null, "P1")));
    }

    private static final Classifier CLASSIFIER = new Classifier(rules(true), TIERS);

    private static Ev event() {
        return new Ev(new TicketEvent("e1", "T-1", "acme", EventType.CREATED, 0L));
    }

    /** Fluent test-event builder; attributes are stored as the JSON text TicketEvent keeps. */
    private record Ev(TicketEvent e) {
        Ev subject(String s) {
            e.subject = s;
            return this;
        }

        Ev description(String s) {
            e.description = s;
            return this;
        }

        Ev source(String s) {
            e.source = s;
            return this;
        }

        Ev priority(String s) {
            e.priority = s;
            return this;
        }

        Ev attr(String name, String json) {
            e.extra.put(name, json);
            return this;
        }
    }

    record Row(String why, Ev event, String clientTier, String tier, String ruleId, String raisedBy) {
        @Override
        public String toString() {
            return why;
        }
    }

    static Stream<Row> precedence() {
        return Stream.of(
                // 1. explicit priority
                new Row(
                        "explicit priority beats a more severe keyword",
                        event().priority("P3").subject("Site down"),
                        null,
                        "P3",
                        "explicit-priority",
                        null),
                new Row(
                        "explicit priority beats a more severe source rule",
                        event().priority("P4").source("monitoring").attr("severity", "\"critical\""),
                        null,
                        "P4",
                        "explicit-priority",
                        null),
                new Row(
                        "explicit priority ignores case and blanks",
                        event().priority(" p2 "),
                        null,
                        "P2",
                        "explicit-priority",
                        null),
                new Row(
                        "unknown explicit priority is ignored",
                        event().priority("urgent").subject("slow vpn"),
                        null,
                        "P3",
                        "kw-slow",
                        null),
                new Row(
                        "blank explicit priority is ignored",
                        event().priority("").subject("outage"),
                        null,
                        "P1",
                        "kw-outage",
                        null),
                // 2. source and keyword rules
                new Row("keyword rule", event().subject("Outage in Paris"), null, "P1", "kw-outage", null),
                new Row(
                        "more severe keyword beats source",
                        event().source("monitoring").subject("outage"),
                        null,
                        "P1",
                        "kw-outage",
                        null),
                new Row(
                        "more severe source beats keyword",
                        event().source("monitoring")
                                .attr("severity", "\"critical\"")
                                .subject("slow"),
                        null,
                        "P1",
                        "src-monitoring-critical",
                        null),
                new Row(
                        "equal severity: source rule beats keyword rule",
                        event().source("monitoring").subject("server down"),
                        null,
                        "P2",
                        "src-monitoring",
                        null),
                new Row(
                        "equal severity: keyword rule declared first wins, not the phrase found first",
                        event().subject("server down"),
                        null,
                        "P2",
                        "kw-down",
                        null),
                new Row(
                        "equal severity: source rule declared first wins",
                        event().source("monitoring").attr("env", "\"prod\""),
                        null,
                        "P2",
                        "src-monitoring",
                        null),
                new Row(
                        "later-declared but more severe keyword rule wins",
                        event().subject("down, full outage"),
                        null,
                        "P1",
                        "kw-outage",
                        null),
                new Row(
                        "subject-only rule ignores the description",
                        event().description("slow"),
                        null,
                        "P4",
                        "default",
                        null),
                new Row("description-only rule", event().description("error 42"), null, "P2", "kw-error", null),
                new Row(
                        "description-only rule ignores the subject",
                        event().subject("error 42"),
                        null,
                        "P4",
                        "default",
                        null),
                // 3. default
                new Row(
                        "nothing matches",
                        event().subject("printer needs toner").description("please"),
                        null,
                        "P4",
                        "default",
                        null),
                new Row("null texts", event(), null, "P4", "default", null),
                // 4. floors
                new Row("floor raises the default", event(), "enterprise", "P3", "default", "floor-ent"),
                new Row(
                        "floor raises even an explicit priority",
                        event().priority("P4").source("Monitoring"),
                        "enterprise",
                        "P2",
                        "explicit-priority",
                        "floor-ent-monitoring"),
                new Row("floor raises a keyword result", event().subject("slow"), "vip", "P1", "kw-slow", "floor-vip"),
                new Row("floor never lowers", event().subject("outage"), "enterprise", "P1", "kw-outage", null),
                new Row(
                        "floor at the same tier is not a raise",
                        event().subject("slow"),
                        "enterprise",
                        "P3",
                        "kw-slow",
                        null),
                new Row(
                        "floor with a source skipped for another source",
                        event().source("email"),
                        "enterprise",
                        "P3",
                        "default",
                        "floor-ent"),
                new Row(
                        "floor with a source and no event source",
                        event().priority("P4"),
                        "enterprise",
                        "P3",
                        "explicit-priority",
                        "floor-ent"),
                new Row("client tier compared ignoring case", event(), "Enterprise", "P3", "default", "floor-ent"),
                new Row("floors of another client tier do not apply", event(), "standard", "P4", "default", null),
                new Row("no client tier, no floor", event().priority("P4"), null, "P4", "explicit-priority", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("precedence")
    void precedenceTable(Row row) {
        Classification c = CLASSIFIER.classify(row.event().e(), row.clientTier());
        assertThat(c).isEqualTo(new Classification(row.tier(), row.ruleId(), row.raisedBy()));
    }

    @Test
    void explicitPriorityNotHonoredFallsThroughToRules() {
        Classifier classifier = new Classifier(rules(false), TIERS);
        assertThat(classifier.classify(event().priority("P3").subject("outage").e(), null))
                .isEqualTo(new Classification("P1", "kw-outage", null));
        assertThat(classifier.classify(event().priority("P1").e(), null))
                .isEqualTo(new Classification("P4", "default", null));
    }

    @Test
    void finalRuleExplainsARaise() {
        Classification raised = CLASSIFIER.classify(event().subject("slow").e(), "vip");
        assertThat(raised.finalRule()).isEqualTo("floor-vip");
        Classification plain = CLASSIFIER.classify(event().subject("slow").e(), null);
        assertThat(plain.finalRule()).isEqualTo("kw-slow");
    }

    @Test
    void theMostSevereApplicableFloorWinsWhateverTheDeclarationOrder() {
        ClassificationRules r = new ClassificationRules(
                "P4",
                true,
                List.of(),
                List.of(),
                List.of(
                        new TierFloor("any-p3", "enterprise", null, "P3"),
                        new TierFloor("monitoring-p1", "enterprise", "monitoring", "P1"),
                        new TierFloor("any-p2", "enterprise", null, "P2")));
        Classifier classifier = new Classifier(r, TIERS);
        assertThat(classifier.classify(event().source("MONITORING").e(), "enterprise"))
                .isEqualTo(new Classification("P1", "default", "monitoring-p1"));
        assertThat(classifier.classify(event().source("email").e(), "enterprise"))
                .isEqualTo(new Classification("P2", "default", "any-p2"));
    }

    @Nested
    class SourceRules {

        private final Classifier classifier = new Classifier(
                new ClassificationRules(
                        "P4",
                        true,
                        List.of(),
                        List.of(
                                new SourceRule(
                                        "critical-alert",
                                        "P1",
                                        "monitoring",
                                        orderedMap("severity", "critical", "team", "db")),
                                new SourceRule("any-alert", "P3", "Monitoring", Map.of())),
                        List.of()),
                TIERS);

        @Test
        void sourceAndAttributesMatchIgnoringCase() {
            TicketEvent e = event().source("MONITORING")
                    .attr("severity", "\"CRITICAL\"")
                    .attr("team", "\"Db\"")
                    .e();
            assertThat(classifier.classify(e, null)).isEqualTo(new Classification("P1", "critical-alert", null));
        }

        @Test
        void everyAttributeMustMatch() {
            TicketEvent e = event().source("monitoring")
                    .attr("severity", "\"critical\"")
                    .attr("team", "\"net\"")
                    .e();
            assertThat(classifier.classify(e, null)).isEqualTo(new Classification("P3", "any-alert", null));
        }

        @Test
        void absentOrNullAttributeDoesNotMatch() {
            assertThat(classifier.classify(
                            event().source("monitoring")
                                    .attr("severity", "\"critical\"")
                                    .e(),
                            null))
                    .isEqualTo(new Classification("P3", "any-alert", null));
            assertThat(classifier.classify(
                            event().source("monitoring")
                                    .attr("severity", "\"critical\"")
                                    .attr("team", "null")
                                    .e(),
                            null))
                    .isEqualTo(new Classification("P3", "any-alert", null));
        }

        @Test
        void attributeValueIsReadAsText() {
            Classifier numeric = new Classifier(
                    new ClassificationRules(
                            "P4",
                            true,
                            List.of(),
                            List.of(new SourceRule("sev1", "P1", "monitoring", Map.of("level", "1"))),
                            List.of()),
                    TIERS);
            assertThat(numeric.classify(
                                    event().source("monitoring")
                                            .attr("level", "1")
                                            .e(),
                                    null)
                            .ruleId())
                    .isEqualTo("sev1");
            assertThat(numeric.classify(
                                    event().source("monitoring")
                                            .attr("level", "\"1\"")
                                            .e(),
                                    null)
                            .ruleId())
                    .isEqualTo("sev1");
            assertThat(numeric.classify(
                                    event().source("monitoring")
                                            .attr("level", "2")
                                            .e(),
                                    null)
                            .ruleId())
                    .isEqualTo("default");
        }

        @Test
        void anotherOrMissingSourceDoesNotMatch() {
            assertThat(classifier.classify(
                            event().source("email")
                                    .attr("severity", "\"critical\"")
                                    .attr("team", "\"db\"")
                                    .e(),
                            null))
                    .isEqualTo(new Classification("P4", "default", null));
            assertThat(classifier.classify(event().e(), null)).isEqualTo(new Classification("P4", "default", null));
        }

        private static Map<String, String> orderedMap(String k1, String v1, String k2, String v2) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put(k1, v1);
            m.put(k2, v2);
            return m;
        }
    }

    @Nested
    class Validation {

        private ClassificationRules with(List<KeywordRule> keywords, List<SourceRule> sources, List<TierFloor> floors) {
            return new ClassificationRules("P3", true, keywords, sources, floors);
        }

        @Test
        void unknownTierInAKeywordRule() {
            assertThatThrownBy(() -> new Classifier(
                            with(List.of(new KeywordRule("kw", "P9", List.of("x"), BOTH)), List.of(), List.of()),
                            TIERS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("keyword rule 'kw'")
                    .hasMessageContaining("unknown tier 'P9'")
                    .hasMessageContaining("P1, P2, P3, P4");
        }

        @Test
        void unknownTierInASourceRule() {
            assertThatThrownBy(() -> new Classifier(
                            with(List.of(), List.of(new SourceRule("src", "p1", "monitoring", Map.of())), List.of()),
                            TIERS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("source rule 'src'")
                    .hasMessageContaining("unknown tier 'p1'");
        }

        @Test
        void unknownTierInAFloor() {
            assertThatThrownBy(() -> new Classifier(
                            with(List.of(), List.of(), List.of(new TierFloor("fl", "enterprise", null, "P0"))), TIERS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("floor 'fl'")
                    .hasMessageContaining("unknown tier 'P0'");
        }

        @Test
        void unknownDefaultTier() {
            assertThatThrownBy(() -> new Classifier(new ClassificationRules("P5", true, null, null, null), TIERS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("defaultTier")
                    .hasMessageContaining("unknown tier 'P5'");
        }

        @Test
        void duplicateOrReservedRuleIds() {
            assertThatThrownBy(() -> new Classifier(
                            with(
                                    List.of(new KeywordRule("dup", "P1", List.of("x"), BOTH)),
                                    List.of(new SourceRule("dup", "P1", "monitoring", Map.of())),
                                    List.of()),
                            TIERS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'dup'");
            assertThatThrownBy(() -> new Classifier(
                            with(List.of(), List.of(), List.of(new TierFloor("default", "enterprise", null, "P1"))),
                            TIERS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("reserved");
        }

        @Test
        void sourceRuleMatchingEverything() {
            assertThatThrownBy(() -> new Classifier(
                            with(List.of(), List.of(new SourceRule("all", "P1", null, Map.of())), List.of()), TIERS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'all'");
        }

        @Test
        void tiersDifferingOnlyByCase() {
            assertThatThrownBy(() ->
                            new Classifier(new ClassificationRules("P1", true, null, null, null), List.of("P1", "p1")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("duplicate tier");
        }

        @Test
        void nullRuleListsMeanNoRules() {
            Classifier classifier = new Classifier(new ClassificationRules("P2", true, null, null, null), TIERS);
            assertThat(classifier.classify(event().subject("outage").e(), "enterprise"))
                    .isEqualTo(new Classification("P2", "default", null));
        }
    }
}
