package io.slaflow.jobs.imports;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a rule asks of one column's value (trimmed; a null marker or an empty field is the empty text). Written in a
 * mapping as a value or a list of values ({@link OneOf}, ignoring case), {@code {matches: REGEX}} ({@link Matches},
 * the whole value, ignoring case), {@code {empty: true}} ({@link Empty}) or {@code {not: TEST}} ({@link Not}) — so
 * "any state but New and Closed" or "every group whose name starts with Service Desk" need no list of every value.
 */
sealed interface ValueTest {
    boolean test(String value);

    /** How the test reads in a message: {@code one of [resolved, closed]}, {@code matching 'svc.*'}. */
    String describe();

    record OneOf(Set<String> lowerCaseValues) implements ValueTest {
        @Override
        public boolean test(String value) {
            return lowerCaseValues.contains(value.toLowerCase(Locale.ROOT));
        }

        @Override
        public String describe() {
            return lowerCaseValues.size() == 1
                    ? "'" + lowerCaseValues.iterator().next() + "'"
                    : "one of " + lowerCaseValues;
        }
    }

    record Matches(Pattern pattern) implements ValueTest {
        static Matches of(String regex) {
            return new Matches(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }

        @Override
        public boolean test(String value) {
            return pattern.matcher(value).matches();
        }

        @Override
        public String describe() {
            return "matching '" + pattern.pattern() + "'";
        }
    }

    record Empty(boolean empty) implements ValueTest {
        @Override
        public boolean test(String value) {
            return value.isEmpty() == empty;
        }

        @Override
        public String describe() {
            return empty ? "empty" : "not empty";
        }
    }

    record Not(ValueTest inner) implements ValueTest {
        @Override
        public boolean test(String value) {
            return !inner.test(value);
        }

        @Override
        public String describe() {
            return "not " + inner.describe();
        }
    }
}
