package io.slaflow.classify;

import io.slaflow.classify.ClassificationRules.Field;
import io.slaflow.classify.ClassificationRules.KeywordRule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Finds which keyword rules match a ticket's subject and description, scanning each text once for all phrases of
 * all rules (an Aho-Corasick automaton, built once per policy).
 *
 * <h2>Matching semantics</h2>
 * <ul>
 *   <li><b>Case:</b> text and phrases are folded char by char with {@link Character#toLowerCase(char)} (locale
 *       independent). This is simple case folding, one char to one char: {@code "STRASSE"} does not match
 *       {@code "straße"}, a final sigma {@code ς} does not match {@code σ}, and chars outside the BMP (surrogate
 *       pairs) are compared unfolded.</li>
 *   <li><b>Whitespace:</b> in a phrase, leading/trailing whitespace is dropped and every inner run becomes one
 *       space ({@code "db  down"} is {@code "db down"}); in the text, any run of whitespace matches that one space
 *       (so a phrase can match across a newline). Whitespace is {@link Character#isWhitespace} or
 *       {@link Character#isSpaceChar} (the latter adds the no-break spaces pasted from HTML mail).</li>
 *   <li><b>Word boundaries:</b> a match counts only when the char before its start and the char after its end are
 *       not letters or digits ({@link Character#isLetterOrDigit(char)}), or are the edges of the text:
 *       {@code "db down"} matches {@code "Prod DB down!"} but not {@code "db downtime"} nor {@code "xdb down"}.
 *       Punctuation inside a phrase is matched literally. A surrogate half counts as a non-letter.</li>
 *   <li><b>Fields:</b> a rule searches the fields it lists; null fields mean both subject and description.
 *       A null text is searched as the empty text.</li>
 * </ul>
 *
 * <h2>Why hand-written</h2>
 * A maintained library (org.ahocorasick:ahocorasick) was considered. It lower-cases copies of the text, collects
 * every emit into lists of boxed objects and checks word boundaries afterwards; the classifier runs on every new
 * ticket, so this automaton instead folds chars on the fly, applies the boundary and whitespace rules inside the
 * scan, keeps only the best rule seen so far, and allocates nothing per call.
 *
 * <h2>How</h2>
 * Start boundaries are part of the automaton: a virtual boundary symbol {@code B} follows the start of the text and
 * every char that is not a letter or digit, and every phrase is compiled the same way (a leading {@code B}, and
 * {@code B} after each of its own non-letter-digit chars). A phrase's compiled form then occurs in the compiled
 * text exactly where the phrase occurs after a boundary. End boundaries are one look at the next char, only when a
 * state with output is reached.
 *
 * <p>Chars map to a small alphabet: one class per folded char some phrase uses, one for all whitespace, one for
 * other letters/digits and one for other chars. The Aho-Corasick automaton over classes plus {@code B} is then
 * flattened into a complete DFA where a non-letter-digit class steps over its {@code B} too, whitespace after
 * whitespace stays put (so runs count once), and the states only passed through on the way to a {@code B} are
 * dropped. The DFA is one {@code int[]}: per state a row of next-state offsets (pre-multiplied, so no multiply on
 * the hot path) plus two columns holding the best rule ending there for the subject and for the description.
 * Scanning costs one dependent table load per text char. Memory: 4 bytes × states × (classes + 2), about 2 MB for
 * 2,000 IT phrases over ASCII.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class KeywordMatcher {

    /** No rule matched. */
    public static final int NO_MATCH = -1;

    private static final int NONE = Integer.MAX_VALUE;
    /** Letters and digits no phrase uses. */
    private static final int OTHER_WORD_CLASS = 0;
    /** Other chars no phrase uses. */
    private static final int OTHER_NON_WORD_CLASS = 1;
    /** Any whitespace; phrases hold it as a single space. */
    private static final int SPACE_CLASS = 2;

    private static final int FIRST_PHRASE_CLASS = 3;

    private final int ruleCount;
    private final boolean[] searchesSubject;
    private final boolean[] searchesDescription;

    /** Raw ASCII char → class of its folded form. */
    private final int[] asciiClass = new int[128];
    /** Folded non-ASCII chars used by phrases, sorted, and their classes. */
    private final char[] wideChars;

    private final int[] wideClasses;
    private final int classCount;

    /** Row of a state: {@code classCount} next-state offsets, then the subject and description rank columns. */
    private final int rowWidth;

    private final int[] table;
    private final int startState;
    private final int subjectColumn;
    private final int descriptionColumn;

    /** Rank → rule index; ranks order rules by severity, then declaration. */
    private final int[] ruleByRank;

    private final int minSubjectRank;
    private final int minDescriptionRank;

    /** For the all-matches query, by state number: rules with a phrase ending exactly there (CSR), next suffix state with outputs. */
    private final int[] ownOutputStart;

    private final int[] ownOutputRules;
    private final int[] outputLink;

    /**
     * @param rules        the keyword rules, in declaration order
     * @param severityRank per rule (same index), its tier's severity rank, 0 = most severe; the best match is the
     *                     lowest rank, then the rule declared first
     * @throws IllegalArgumentException for a rule without phrases or fields, or a blank phrase
     */
    public KeywordMatcher(List<KeywordRule> rules, int[] severityRank) {
        if (rules.size() != severityRank.length) {
            throw new IllegalArgumentException("one severity rank per keyword rule expected");
        }
        ruleCount = rules.size();
        searchesSubject = new boolean[ruleCount];
        searchesDescription = new boolean[ruleCount];
        List<PhraseRef> phrases = normalizedPhrases(rules);

        ruleByRank = rankRules(severityRank);
        int[] rankOfRule = new int[ruleCount];
        for (int rank = 0; rank < ruleCount; rank++) {
            rankOfRule[ruleByRank[rank]] = rank;
        }
        minSubjectRank = minRank(searchesSubject, rankOfRule);
        minDescriptionRank = minRank(searchesDescription, rankOfRule);

        Map<Character, Integer> classOf = assignClasses(phrases);
        classCount = FIRST_PHRASE_CLASS + classOf.size();
        wideChars =
                new char[(int) classOf.keySet().stream().filter(c -> c >= 128).count()];
        wideClasses = new int[wideChars.length];
        int w = 0;
        for (Map.Entry<Character, Integer> e : classOf.entrySet()) { // sorted by char
            if (e.getKey() >= 128) {
                wideChars[w] = e.getKey();
                wideClasses[w++] = e.getValue();
            }
        }
        for (char c = 0; c < 128; c++) {
            char folded = Character.toLowerCase(c);
            asciiClass[c] = isSpace(c)
                    ? SPACE_CLASS
                    : classOf.getOrDefault(
                            folded, Character.isLetterOrDigit(c) ? OTHER_WORD_CLASS : OTHER_NON_WORD_CLASS);
        }

        boolean[] wordClass = new boolean[classCount];
        wordClass[OTHER_WORD_CLASS] = true;
        classOf.forEach((c, cls) -> wordClass[cls] = Character.isLetterOrDigit(c));

        Automaton ac = new Automaton(classCount);
        for (PhraseRef p : phrases) {
            ac.add(compile(p.text, classOf), p.rule);
        }
        ac.complete();

        // Keep the states the scan can rest in: the root, and states entered by a letter/digit or by B.
        int[] number = new int[ac.size()];
        Arrays.fill(number, -1);
        int kept = 0;
        for (int s = 0; s < ac.size(); s++) {
            if (s == Automaton.ROOT || ac.incoming(s) == ac.boundary || isWordClass(ac.incoming(s), wordClass)) {
                number[s] = kept++;
            }
        }
        rowWidth = classCount + 2;
        subjectColumn = classCount;
        descriptionColumn = classCount + 1;
        if ((long) kept * rowWidth > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "keyword rules too large for one automaton: " + kept + " states x " + rowWidth + " columns");
        }
        table = new int[kept * rowWidth];
        outputLink = new int[kept];
        ownOutputStart = new int[kept + 1];
        List<Integer> outputs = new ArrayList<>();
        int[] bestSubject = ac.bestRank(searchesSubject, rankOfRule);
        int[] bestDescription = ac.bestRank(searchesDescription, rankOfRule);
        for (int s = 0; s < ac.size(); s++) {
            int n = number[s];
            if (n < 0) {
                continue;
            }
            int row = n * rowWidth;
            for (int c = 0; c < classCount; c++) {
                int next = ac.next(s, c);
                if (!isWordClass(c, wordClass)) {
                    next = ac.next(next, ac.boundary);
                }
                table[row + c] = number[next] * rowWidth;
            }
            if (ac.afterSpace(s)) {
                table[row + SPACE_CLASS] = row; // whitespace runs count once
            }
            table[row + subjectColumn] = bestSubject[s];
            table[row + descriptionColumn] = bestDescription[s];
            ownOutputStart[n] = outputs.size();
            outputs.addAll(ac.ownRules(s));
            outputLink[n] = ac.outputLink(s) < 0 ? -1 : number[ac.outputLink(s)];
        }
        ownOutputStart[kept] = outputs.size();
        ownOutputRules = outputs.stream().mapToInt(Integer::intValue).toArray();
        startState = number[ac.next(Automaton.ROOT, ac.boundary)] * rowWidth;
    }

    /**
     * The best matching rule: the lowest severity rank, then the rule declared first.
     *
     * @return the rule's index in the list given at construction, or {@link #NO_MATCH}
     */
    public int bestRule(String subject, String description) {
        int best = NONE;
        if (minSubjectRank != NONE) {
            best = scanBest(subject, subjectColumn, NONE, minSubjectRank);
        }
        if (best > minDescriptionRank) {
            best = scanBest(description, descriptionColumn, best, minDescriptionRank);
        }
        return best == NONE ? NO_MATCH : ruleByRank[best];
    }

    /**
     * Every matching rule, for explanations and tests (allocates; the classifier uses {@link #bestRule}).
     *
     * @return the indexes of the matching rules, ascending
     */
    public int[] matchingRules(String subject, String description) {
        BitSet matched = new BitSet(ruleCount);
        collect(subject, searchesSubject, matched);
        collect(description, searchesDescription, matched);
        return matched.stream().toArray();
    }

    /** Number of DFA states, for sizing and benchmarks. */
    public int stateCount() {
        return outputLink.length;
    }

    /** Size of the transition table in bytes. */
    public long tableBytes() {
        return 4L * table.length;
    }

    /**
     * Scans the text once, improving {@code best} (a rank) with every bounded match; stops as soon as it reaches
     * {@code stopAt}, the best rank this field can give.
     */
    private int scanBest(String text, int rankColumn, int best, int stopAt) {
        if (text == null) {
            return best;
        }
        final int[] table = this.table;
        final int[] ascii = this.asciiClass;
        final int n = text.length();
        int state = startState;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            state = table[state + (c < 128 ? ascii[c] : wideClass(c))];
            int rank = table[state + rankColumn];
            if (rank < best && (i + 1 == n || !Character.isLetterOrDigit(text.charAt(i + 1)))) {
                best = rank;
                if (best <= stopAt) {
                    return best;
                }
            }
        }
        return best;
    }

    /** The same walk as {@link #scanBest}, collecting every rule whose phrase ends at a boundary. */
    private void collect(String text, boolean[] searchesField, BitSet matched) {
        if (text == null) {
            return;
        }
        int n = text.length();
        int state = startState;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            state = table[state + (c < 128 ? asciiClass[c] : wideClass(c))];
            if (i + 1 < n && Character.isLetterOrDigit(text.charAt(i + 1))) {
                continue;
            }
            for (int s = state / rowWidth; s >= 0; s = outputLink[s]) {
                for (int k = ownOutputStart[s]; k < ownOutputStart[s + 1]; k++) {
                    int rule = ownOutputRules[k];
                    if (searchesField[rule]) {
                        matched.set(rule);
                    }
                }
            }
        }
    }

    /** Class of a non-ASCII char (rare in tickets, so a binary search is fine). */
    private int wideClass(char c) {
        if (isSpace(c)) {
            return SPACE_CLASS;
        }
        char folded = Character.toLowerCase(c);
        if (folded < 128) {
            return asciiClass[folded]; // e.g. the Kelvin sign folds to 'k'
        }
        int at = Arrays.binarySearch(wideChars, folded);
        if (at >= 0) {
            return wideClasses[at];
        }
        return Character.isLetterOrDigit(folded) ? OTHER_WORD_CLASS : OTHER_NON_WORD_CLASS;
    }

    /** Build time only: whether a class stands for letters/digits (then no boundary follows it). */
    private static boolean isWordClass(int cls, boolean[] wordClass) {
        return cls < wordClass.length && wordClass[cls];
    }

    private List<PhraseRef> normalizedPhrases(List<KeywordRule> rules) {
        List<PhraseRef> phrases = new ArrayList<>();
        for (int r = 0; r < ruleCount; r++) {
            KeywordRule rule = rules.get(r);
            List<Field> fields = rule.fields();
            if (fields != null && fields.isEmpty()) {
                throw new IllegalArgumentException("keyword rule '" + rule.id() + "' searches no field");
            }
            searchesSubject[r] = fields == null || fields.contains(Field.SUBJECT);
            searchesDescription[r] = fields == null || fields.contains(Field.DESCRIPTION);
            if (rule.phrases() == null || rule.phrases().isEmpty()) {
                throw new IllegalArgumentException("keyword rule '" + rule.id() + "' has no phrases");
            }
            for (String phrase : rule.phrases()) {
                String normalized = phrase == null ? "" : normalize(phrase);
                if (normalized.isEmpty()) {
                    throw new IllegalArgumentException("keyword rule '" + rule.id() + "' has a blank phrase");
                }
                phrases.add(new PhraseRef(r, normalized));
            }
        }
        return phrases;
    }

    /** One class per distinct folded char of the phrases except the space, which has {@link #SPACE_CLASS}. */
    private static Map<Character, Integer> assignClasses(List<PhraseRef> phrases) {
        TreeMap<Character, Integer> classOf = new TreeMap<>();
        for (PhraseRef p : phrases) {
            for (int i = 0; i < p.text.length(); i++) {
                char c = p.text.charAt(i);
                if (c != ' ') {
                    classOf.putIfAbsent(c, 0);
                }
            }
        }
        int next = FIRST_PHRASE_CLASS;
        for (Map.Entry<Character, Integer> e : classOf.entrySet()) {
            e.setValue(next++);
        }
        return classOf;
    }

    /** The phrase as automaton symbols: a leading boundary, and a boundary after each non-letter-digit char. */
    private static int[] compile(String normalized, Map<Character, Integer> classOf) {
        int boundary = FIRST_PHRASE_CLASS + classOf.size();
        int[] symbols = new int[2 * normalized.length() + 1];
        int n = 0;
        symbols[n++] = boundary;
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            symbols[n++] = c == ' ' ? SPACE_CLASS : classOf.get(c);
            if (!Character.isLetterOrDigit(c)) {
                symbols[n++] = boundary;
            }
        }
        return Arrays.copyOf(symbols, n);
    }

    /** Folds case and collapses whitespace runs to one space, trimmed. */
    static String normalize(String phrase) {
        StringBuilder out = new StringBuilder(phrase.length());
        boolean pendingSpace = false;
        for (int i = 0; i < phrase.length(); i++) {
            char c = phrase.charAt(i);
            if (isSpace(c)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Rule indexes sorted by severity rank, then declaration order (a stable sort). */
    private static int[] rankRules(int[] severityRank) {
        return IntStream.range(0, severityRank.length)
                .boxed()
                .sorted((a, b) -> severityRank[a] != severityRank[b]
                        ? Integer.compare(severityRank[a], severityRank[b])
                        : Integer.compare(a, b))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    private static int minRank(boolean[] searchesField, int[] rankOfRule) {
        int min = NONE;
        for (int r = 0; r < searchesField.length; r++) {
            if (searchesField[r]) {
                min = Math.min(min, rankOfRule[r]);
            }
        }
        return min;
    }

    private record PhraseRef(int rule, String text) {}

    /**
     * Build-time Aho-Corasick automaton over the char classes plus the boundary symbol: a trie of the compiled
     * phrases, completed into a DFA with failure links. Only used to derive the scan table.
     */
    private static final class Automaton {
        static final int ROOT = 0;

        final int boundary;
        private final int symbols;
        private final List<int[]> rows = new ArrayList<>();
        private final List<List<Integer>> ownRules = new ArrayList<>();
        private final List<Integer> incoming = new ArrayList<>();
        private final List<Integer> parent = new ArrayList<>();
        private int[] fail;
        private int[] outputLink;

        Automaton(int classCount) {
            boundary = classCount;
            symbols = classCount + 1;
            newState(-1, ROOT);
        }

        int size() {
            return rows.size();
        }

        void add(int[] compiled, int rule) {
            int state = ROOT;
            for (int symbol : compiled) {
                int next = rows.get(state)[symbol];
                if (next < 0) {
                    next = newState(symbol, state);
                    rows.get(state)[symbol] = next;
                }
                state = next;
            }
            if (!ownRules.get(state).contains(rule)) {
                ownRules.get(state).add(rule);
            }
        }

        /** Breadth first: failure links, then every missing transition borrowed from the failure state. */
        void complete() {
            fail = new int[size()];
            outputLink = new int[size()];
            outputLink[ROOT] = -1;
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            int[] root = rows.get(ROOT);
            for (int c = 0; c < symbols; c++) {
                if (root[c] < 0) {
                    root[c] = ROOT;
                } else {
                    fail[root[c]] = ROOT;
                    outputLink[root[c]] = -1;
                    queue.add(root[c]);
                }
            }
            while (!queue.isEmpty()) {
                int s = queue.poll();
                int[] row = rows.get(s);
                int[] failRow = rows.get(fail[s]);
                for (int c = 0; c < symbols; c++) {
                    if (row[c] < 0) {
                        row[c] = failRow[c];
                    } else {
                        int child = row[c];
                        int f = failRow[c];
                        fail[child] = f;
                        outputLink[child] = ownRules.get(f).isEmpty() ? outputLink[f] : f;
                        queue.add(child);
                    }
                }
            }
        }

        int next(int state, int symbol) {
            return rows.get(state)[symbol];
        }

        int incoming(int state) {
            return incoming.get(state);
        }

        /** Entered by the boundary that follows a space: a further space leaves the scan where it is. */
        boolean afterSpace(int state) {
            return incoming(state) == boundary && incoming(parent.get(state)) == SPACE_CLASS;
        }

        List<Integer> ownRules(int state) {
            return ownRules.get(state);
        }

        /** The next shorter suffix state with own outputs, or -1. */
        int outputLink(int state) {
            return outputLink[state];
        }

        /** Per state, the best rank of the rules (searching this field) with a phrase ending there or at a suffix. */
        int[] bestRank(boolean[] searchesField, int[] rankOfRule) {
            int[] best = new int[size()];
            for (int s = 0; s < size(); s++) {
                int b = NONE;
                for (int t = ownRules.get(s).isEmpty() ? outputLink[s] : s; t >= 0; t = outputLink[t]) {
                    for (int rule : ownRules.get(t)) {
                        if (searchesField[rule]) {
                            b = Math.min(b, rankOfRule[rule]);
                        }
                    }
                }
                best[s] = b;
            }
            return best;
        }

        private int newState(int symbol, int from) {
            int[] row = new int[symbols];
            Arrays.fill(row, -1);
            rows.add(row);
            ownRules.add(new ArrayList<>());
            incoming.add(symbol);
            parent.add(from);
            return rows.size() - 1;
        }
    }
}
