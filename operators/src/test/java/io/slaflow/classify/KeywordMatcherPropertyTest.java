package io.slaflow.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.classify.ClassificationRules.Field;
import io.slaflow.classify.ClassificationRules.KeywordRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Compares {@link KeywordMatcher} with a naive reference: one regex per phrase, with look-arounds for the word
 * boundaries and {@code \s+} (Unicode white space) between the phrase's words. Small alphabets make matches, near misses, overlaps and
 * prefixes frequent.
 */
class KeywordMatcherPropertyTest {

    private static final String BOUNDARY_BEFORE = "(?<!\\p{javaLetterOrDigit})";
    private static final String BOUNDARY_AFTER = "(?!\\p{javaLetterOrDigit})";

    record Rule(List<String> phrases, int severity, List<Field> fields) {}

    @Property(tries = 2000)
    void agreesWithRegexReference(
            @ForAll("ruleSets") List<Rule> rules,
            @ForAll("texts") String subject,
            @ForAll("texts") String description) {
        List<KeywordRule> keywordRules = new ArrayList<>();
        int[] severity = new int[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            keywordRules.add(new KeywordRule("r" + i, "P" + (r.severity() + 1), r.phrases(), r.fields()));
            severity[i] = r.severity();
        }
        KeywordMatcher matcher = new KeywordMatcher(keywordRules, severity);

        int[] expected = IntStream.range(0, rules.size())
                .filter(i -> referenceMatches(rules.get(i), subject, description))
                .toArray();
        // Guards the generators: the comparison is only worth something if matches are common.
        Statistics.label("rules matching")
                .collect(expected.length == 0 ? "none" : expected.length == 1 ? "one" : "several");
        assertThat(matcher.matchingRules(subject, description)).containsExactly(expected);

        int expectedBest = Arrays.stream(expected)
                .boxed()
                .min((a, b) ->
                        severity[a] != severity[b] ? Integer.compare(severity[a], severity[b]) : Integer.compare(a, b))
                .orElse(KeywordMatcher.NO_MATCH);
        assertThat(matcher.bestRule(subject, description)).isEqualTo(expectedBest);
    }

    private static boolean referenceMatches(Rule rule, String subject, String description) {
        boolean subjectToo = rule.fields() == null || rule.fields().contains(Field.SUBJECT);
        boolean descriptionToo = rule.fields() == null || rule.fields().contains(Field.DESCRIPTION);
        for (String phrase : rule.phrases()) {
            Pattern p = referencePattern(phrase);
            if (subjectToo && subject != null && p.matcher(subject).find()
                    || descriptionToo
                            && description != null
                            && p.matcher(description).find()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern referencePattern(String phrase) {
        String[] words = phrase.strip().split("\\s+");
        StringBuilder regex = new StringBuilder(BOUNDARY_BEFORE);
        for (int i = 0; i < words.length; i++) {
            regex.append(i == 0 ? "" : "\\s+").append(Pattern.quote(words[i]));
        }
        regex.append(BOUNDARY_AFTER);
        return Pattern.compile(
                regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings()
                .withChars("abAÉé1 \n\t\u00A0-.,")
                .ofMaxLength(40)
                .injectNull(0.05);
    }

    @Provide
    Arbitrary<List<Rule>> ruleSets() {
        Arbitrary<String> phrase = Arbitraries.strings()
                .withChars("abAé1 -.\t")
                .ofMinLength(1)
                .ofMaxLength(6)
                .filter(s -> !s.isBlank());
        Arbitrary<List<Field>> fields = Arbitraries.of(
                List.of(Field.SUBJECT), List.of(Field.DESCRIPTION), List.of(Field.SUBJECT, Field.DESCRIPTION), null);
        Arbitrary<Rule> rule = Combinators.combine(
                        phrase.list().ofMinSize(1).ofMaxSize(3),
                        Arbitraries.integers().between(0, 2),
                        fields)
                .as(Rule::new);
        return rule.list().ofMinSize(1).ofMaxSize(8);
    }
}
