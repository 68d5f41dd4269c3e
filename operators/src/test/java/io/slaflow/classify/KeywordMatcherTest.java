package io.slaflow.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slaflow.classify.ClassificationRules.Field;
import io.slaflow.classify.ClassificationRules.KeywordRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeywordMatcherTest {

    private static final List<Field> BOTH = List.of(Field.SUBJECT, Field.DESCRIPTION);

    /** One rule per phrase, all of the same severity, searching both fields; rule ids are the phrases. */
    private static Phrases phrases(String... phrases) {
        List<KeywordRule> rules = new ArrayList<>();
        for (String p : phrases) {
            rules.add(new KeywordRule(p, "P1", List.of(p), BOTH));
        }
        return new Phrases(rules, new KeywordMatcher(rules, new int[rules.size()]));
    }

    private record Phrases(List<KeywordRule> rules, KeywordMatcher matcher) {
        List<String> in(String text) {
            return Arrays.stream(matcher.matchingRules(text, null))
                    .mapToObj(i -> rules.get(i).id())
                    .toList();
        }

        boolean anyIn(String text) {
            return matcher.bestRule(text, null) != KeywordMatcher.NO_MATCH;
        }
    }

    @Nested
    class WordBoundaries {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "db down",
                    "Prod DB down!",
                    "DB DOWN",
                    "(db down)",
                    "db down.",
                    "'db down'",
                    "alert: db down, again",
                    "db down",
                    "db\tdown",
                    "db \n\r\n  down",
                    "db\u00A0down",
                    "x\ndb down\n"
                })
        void matchesAtBoundaries(String text) {
            Phrases p = phrases("db down");
            assertThat(p.in(text)).containsExactly("db down");
            assertThat(p.anyIn(text)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "db downtime",
                    "xdb down",
                    "db down2",
                    "2db down",
                    "dbdown",
                    "db-down",
                    "db_down",
                    "d b down",
                    "db dow",
                    "",
                    "db",
                    "down db"
                })
        void doesNotMatchInsideWordsOrOtherSeparators(String text) {
            Phrases p = phrases("db down");
            assertThat(p.in(text)).isEmpty();
            assertThat(p.anyIn(text)).isFalse();
        }

        @Test
        void wordAtTheVeryStartAndEndOfTheText() {
            Phrases p = phrases("down");
            assertThat(p.in("down")).containsExactly("down");
            assertThat(p.in("Down again")).containsExactly("down");
            assertThat(p.in("server is down")).containsExactly("down");
            assertThat(p.in("server is dow")).isEmpty();
            assertThat(p.in("server is downn")).isEmpty();
        }

        @Test
        void digitsAreWordCharacters() {
            Phrases p = phrases("500 error");
            assertThat(p.in("HTTP 500 error")).containsExactly("500 error");
            assertThat(p.in("1500 error")).isEmpty();
            assertThat(p.in("500 errors")).isEmpty();
        }

        @Test
        void punctuationInsideAPhraseIsLiteralAndBoundedByItsNeighbours() {
            Phrases p = phrases("c++", "#outage");
            assertThat(p.in("c++ build fails")).containsExactly("c++");
            assertThat(p.in("error in C++.")).containsExactly("c++");
            assertThat(p.in("c++x")).isEmpty();
            assertThat(p.in("ac++")).isEmpty();
            assertThat(p.in("tagged #outage today")).containsExactly("#outage");
            assertThat(p.in("tagged a#outage")).isEmpty();
            assertThat(p.in("#outages")).isEmpty();
        }

        @Test
        void aSuffixOfALongerWordDoesNotMatchThroughTheFailureLinks() {
            Phrases p = phrases("network down", "work down");
            assertThat(p.in("network down")).containsExactly("network down");
            assertThat(p.in("the work down there")).containsExactly("work down");
        }
    }

    @Nested
    class Whitespace {

        @Test
        void phraseWhitespaceIsNormalized() {
            Phrases p = phrases("  db \t down  ");
            assertThat(p.in("db down")).hasSize(1);
            assertThat(p.in("DB\n\ndown")).hasSize(1);
            assertThat(p.in("dbdown")).isEmpty();
        }

        @Test
        void whitespaceRunsInTheTextMatchOneSpaceOnly() {
            Phrases p = phrases("a b");
            assertThat(p.in("a    b")).hasSize(1);
            assertThat(p.in("a \n b")).hasSize(1);
            assertThat(p.in("a . b")).isEmpty();
        }

        @Test
        void mixedWhitespaceRunsIncludingNoBreakSpaces() {
            Phrases p = phrases("disk full", "full.");
            assertThat(p.in("disk \u00A0\t\r\n full")).containsExactly("disk full");
            assertThat(p.in("disk\u2003full.  \u00A0 next")).containsExactlyInAnyOrder("disk full", "full.");
        }

        @Test
        void leadingWhitespaceInTheTextIsABoundary() {
            assertThat(phrases("down").in("   down   ")).containsExactly("down");
        }
    }

    @Nested
    class OverlapsAndPrefixes {

        @Test
        void overlappingPhrasesAllMatch() {
            Phrases p = phrases("server down", "down", "server");
            assertThat(p.in("the SERVER DOWN again")).containsExactlyInAnyOrder("server down", "down", "server");
            assertThat(p.in("server downtime")).containsExactly("server");
        }

        @Test
        void phrasesThatArePrefixesOfEachOther() {
            Phrases p = phrases("db", "db down", "db down now");
            assertThat(p.in("db down later")).containsExactlyInAnyOrder("db", "db down");
            assertThat(p.in("db downtime")).containsExactly("db");
            assertThat(p.in("db down now!")).containsExactlyInAnyOrder("db", "db down", "db down now");
            assertThat(p.in("dbs down")).isEmpty();
        }

        @Test
        void overlappingOccurrencesOfOnePhrase() {
            Phrases p = phrases("a a");
            assertThat(p.in("a a a")).hasSize(1);
            assertThat(p.in("aa a")).isEmpty();
        }
    }

    @Nested
    class Unicode {

        @Test
        void accentedLettersAreLettersAndFoldCase() {
            Phrases p = phrases("café");
            assertThat(p.in("Le CAFÉ est fermé")).containsExactly("café");
            assertThat(p.in("café")).containsExactly("café");
            assertThat(p.in("cafés")).isEmpty();
            assertThat(p.in("écafé")).isEmpty();
            // No accent folding: "cafe" is another word.
            assertThat(p.in("cafe")).isEmpty();
        }

        @Test
        void aLetterAfterANonAsciiCharIsStillInsideAWord() {
            Phrases p = phrases("down");
            assertThat(p.in("ñdown")).isEmpty();
            assertThat(p.in("→down←")).containsExactly("down");
        }

        @Test
        void nonAsciiCharsThatFoldToAscii() {
            // U+212A KELVIN SIGN lower-cases to 'k'.
            assertThat(phrases("kb").in("1 \u212AB")).containsExactly("kb");
        }

        @Test
        void simpleCaseFoldingDoesNotExpandSharpS() {
            // Documented limit: Character.toLowerCase folds one char to one char.
            Phrases p = phrases("straße");
            assertThat(p.in("STRAßE gesperrt")).containsExactly("straße");
            assertThat(p.in("STRASSE gesperrt")).isEmpty();
        }
    }

    @Nested
    class Fields {

        private final List<KeywordRule> rules = List.of(
                new KeywordRule("subject-only", "P2", List.of("slow"), List.of(Field.SUBJECT)),
                new KeywordRule("description-only", "P2", List.of("error"), List.of(Field.DESCRIPTION)),
                new KeywordRule("unspecified", "P2", List.of("vpn"), null));
        private final KeywordMatcher matcher = new KeywordMatcher(rules, new int[] {0, 0, 0});

        @Test
        void subjectOnlyRule() {
            assertThat(matcher.matchingRules("slow", null)).containsExactly(0);
            assertThat(matcher.matchingRules(null, "slow")).isEmpty();
            assertThat(matcher.bestRule(null, "slow")).isEqualTo(KeywordMatcher.NO_MATCH);
        }

        @Test
        void descriptionOnlyRule() {
            assertThat(matcher.matchingRules(null, "error")).containsExactly(1);
            assertThat(matcher.matchingRules("error", null)).isEmpty();
            assertThat(matcher.bestRule("error", "fine")).isEqualTo(KeywordMatcher.NO_MATCH);
        }

        @Test
        void nullFieldsSearchBoth() {
            assertThat(matcher.matchingRules("vpn", null)).containsExactly(2);
            assertThat(matcher.matchingRules(null, "vpn")).containsExactly(2);
        }

        @Test
        void nullTextsAreEmpty() {
            assertThat(matcher.matchingRules(null, null)).isEmpty();
            assertThat(matcher.bestRule(null, null)).isEqualTo(KeywordMatcher.NO_MATCH);
            assertThat(matcher.bestRule("", "")).isEqualTo(KeywordMatcher.NO_MATCH);
        }
    }

    @Nested
    class BestRule {

        private final List<KeywordRule> rules = List.of(
                new KeywordRule("p3-slow", "P3", List.of("slow"), BOTH),
                new KeywordRule("p2-first", "P2", List.of("error"), BOTH),
                new KeywordRule("p2-second", "P2", List.of("failed"), BOTH),
                new KeywordRule("p1-outage", "P1", List.of("outage"), List.of(Field.DESCRIPTION)));
        private final KeywordMatcher matcher = new KeywordMatcher(rules, new int[] {2, 1, 1, 0});

        @Test
        void mostSevereWinsWhateverTheDeclarationOrder() {
            assertThat(matcher.bestRule("slow and error", null)).isEqualTo(1);
            assertThat(matcher.bestRule("slow", "error, then an outage")).isEqualTo(3);
        }

        @Test
        void equalSeverityGoesToTheRuleDeclaredFirstNotTheFirstInTheText() {
            assertThat(matcher.bestRule("failed with error", null)).isEqualTo(1);
            assertThat(matcher.bestRule("failed", "error")).isEqualTo(1);
        }

        @Test
        void aMatchInTheDescriptionCanBeatOneInTheSubject() {
            assertThat(matcher.bestRule("error", "slow outage")).isEqualTo(3);
        }

        @Test
        void fieldRestrictionsApplyToTheBestRule() {
            assertThat(matcher.bestRule("outage", "slow")).isEqualTo(0);
        }
    }

    @Nested
    class Validation {

        @Test
        void blankPhrase() {
            List<KeywordRule> rules = List.of(new KeywordRule("k", "P1", List.of("ok", " \t "), BOTH));
            assertThatThrownBy(() -> new KeywordMatcher(rules, new int[1]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'k'")
                    .hasMessageContaining("blank");
        }

        @Test
        void noPhrases() {
            List<KeywordRule> rules = List.of(new KeywordRule("k", "P1", List.of(), BOTH));
            assertThatThrownBy(() -> new KeywordMatcher(rules, new int[1]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no phrases");
        }

        @Test
        void noFields() {
            List<KeywordRule> rules = List.of(new KeywordRule("k", "P1", List.of("x"), List.of()));
            assertThatThrownBy(() -> new KeywordMatcher(rules, new int[1]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no field");
        }
    }

    @Test
    void anEmptyRuleSetMatchesNothing() {
        KeywordMatcher matcher = new KeywordMatcher(List.of(), new int[0]);
        assertThat(matcher.bestRule("anything at all", "really")).isEqualTo(KeywordMatcher.NO_MATCH);
        assertThat(matcher.matchingRules("anything", "at all")).isEmpty();
    }

    @Test
    void theSamePhraseInTwoRulesMatchesBoth() {
        List<KeywordRule> rules = List.of(
                new KeywordRule("a", "P2", List.of("down"), BOTH), new KeywordRule("b", "P1", List.of("DOWN"), BOTH));
        KeywordMatcher matcher = new KeywordMatcher(rules, new int[] {1, 0});
        assertThat(matcher.matchingRules("down", null)).containsExactly(0, 1);
        assertThat(matcher.bestRule("down", null)).isEqualTo(1);
    }
}
