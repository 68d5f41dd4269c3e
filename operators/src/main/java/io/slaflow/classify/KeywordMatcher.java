package io.slaflow.classify;

import io.slaflow.classify.ClassificationRules.Field;
import io.slaflow.classify.ClassificationRules.KeywordRule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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
 * Start boundaries are part of the automaton: a virtual boundary symbol {@code B} is fed at the start of the text
 * and after every char that is not a letter or digit, and every phrase is compiled the same way (a leading
 * {@code B}, and {@code B} after each of its own non-letter-digit chars). A phrase's compiled form then occurs in
 * the compiled text exactly where the phrase occurs after a boundary. End boundaries are one look at the next char
 * when a state with output is reached. Chars are mapped to a small alphabet (every folded char used by some phrase
 * gets a class, all others share one), and the full transition function is a dense {@code int} table of
 * states × classes, so each text char costs a table lookup or two. Memory: 4 bytes × states × classes (about
 * 1 MB for a thousand short phrases over ASCII).
 *
 * <p>Immutable and thread-safe once built.
 */
public final class KeywordMatcher {

    /** No rule matched. */
    public static final int NO_MATCH = -1;

    private static final int NONE = Integer.MAX_VALUE;
    private static final int OTHER_CLASS = 0;
    private static final int BOUNDARY_CLASS = 1;
    private static final int ROOT = 0;

    private static final int ASCII_WORD = 1 << 30;
    private static final int ASCII_SPACE = 1 << 29;
    private static final int ASCII_CLASS_MASK = (1 << 29) - 1;

    private final int ruleCount;
    private final int classCount;
    /** For each raw ASCII char: the class of its folded form, plus {@link #ASCII_WORD}/{@link #ASCII_SPACE}. */
    private final int[] asciiInfo = new int[128];
    /** Folded non-ASCII chars used by phrases, sorted, and their classes. */
    private final char[] wideChars;
    private final int[] wideClasses;
    private final int spaceClass;
    /** The full transition function: {@code delta[state * classCount + class]}. */
    private final int[] delta;
    /** The state after the boundary fed at the start of every text. */
    private final int startState;
    /**
     * Per state, the best rank (see {@link #ruleByRank}) among rules with a phrase ending at this state or at any
     * of its suffix states, restricted to rules searching the subject / the description; {@link #NONE} if none.
     */
    private final int[] bestSubjectRank;
    private final int[] bestDescriptionRank;
    private final int minSubjectRank;
    private final int minDescriptionRank;
    /** Rank → rule index; ranks order rules by severity, then declaration. */
    private final int[] ruleByRank;
    /** Outputs for the all-matches query: per state, rules with a phrase ending exactly here (CSR) and the next suffix state with outputs. */
    private final int[] ownOutputStart;
    private final int[] ownOutputRules;
    private final int[] outputLink;
    private final boolean[] searchesSubject;
    private final boolean[] searchesDescription;

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

        ruleByRank = rankRules(severityRank);
        int[] rankOfRule = new int[ruleCount];
        for (int rank = 0; rank < ruleCount; rank++) {
            rankOfRule[ruleByRank[rank]] = rank;
        }
        minSubjectRank = minRank(searchesSubject, rankOfRule);
        minDescriptionRank = minRank(searchesDescription, rankOfRule);

        // Alphabet: one class per distinct folded char of the phrases, after OTHER and BOUNDARY.
        TreeSet<Character> used = new TreeSet<>();
        for (PhraseRef p : phrases) {
            for (int i = 0; i < p.text.length(); i++) {
                used.add(p.text.charAt(i));
            }
        }
        classCount = used.size() + 2;
        int[] foldedAsciiClass = new int[128];
        List<Character> wide = new ArrayList<>();
        int nextClass = 2;
        Map<Character, Integer> classOf = new HashMap<>();
        for (char c : used) {
            classOf.put(c, nextClass);
            if (c < 128) {
                foldedAsciiClass[c] = nextClass;
            } else {
                wide.add(c);
            }
            nextClass++;
        }
        wideChars = new char[wide.size()];
        wideClasses = new int[wide.size()];
        for (int i = 0; i < wideChars.length; i++) {
            wideChars[i] = wide.get(i);
            wideClasses[i] = classOf.get(wideChars[i]);
        }
        for (char c = 0; c < 128; c++) {
            char f = Character.toLowerCase(c);
            asciiInfo[c] = foldedAsciiClass[f]
                    | (Character.isLetterOrDigit(c) ? ASCII_WORD : 0)
                    | (isSpace(c) ? ASCII_SPACE : 0);
        }
        spaceClass = foldedAsciiClass[' '];

        // Trie of compiled phrases; trie edges go straight into the transition table, -1 = no edge yet.
        List<int[]> rows = new ArrayList<>();
        rows.add(newRow());
        List<List<Integer>> ownRules = new ArrayList<>();
        ownRules.add(new ArrayList<>());
        for (PhraseRef p : phrases) {
            int state = ROOT;
            for (int symbol : compile(p.text, classOf)) {
                int next = rows.get(state)[symbol];
                if (next < 0) {
                    next = rows.size();
                    rows.get(state)[symbol] = next;
                    rows.add(newRow());
                    ownRules.add(new ArrayList<>());
                }
                state = next;
            }
            if (!ownRules.get(state).contains(p.rule)) {
                ownRules.get(state).add(p.rule);
            }
        }
        int states = rows.size();
        if ((long) states * classCount > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("keyword rules too large for one automaton: " + states
                    + " states x " + classCount + " char classes");
        }

        delta = new int[states * classCount];
        for (int s = 0; s < states; s++) {
            System.arraycopy(rows.get(s), 0, delta, s * classCount, classCount);
        }
        ownOutputStart = new int[states + 1];
        int outputs = 0;
        for (int s = 0; s < states; s++) {
            ownOutputStart[s] = outputs;
            outputs += ownRules.get(s).size();
        }
        ownOutputStart[states] = outputs;
        ownOutputRules = new int[outputs];
        bestSubjectRank = new int[states];
        bestDescriptionRank = new int[states];
        for (int s = 0; s < states; s++) {
            int subject = NONE;
            int description = NONE;
            int at = ownOutputStart[s];
            for (int rule : ownRules.get(s)) {
                ownOutputRules[at++] = rule;
                if (searchesSubject[rule]) {
                    subject = Math.min(subject, rankOfRule[rule]);
                }
                if (searchesDescription[rule]) {
                    description = Math.min(description, rankOfRule[rule]);
                }
            }
            bestSubjectRank[s] = subject;
            bestDescriptionRank[s] = description;
        }
        outputLink = new int[states];
        completeAutomaton(states);
        startState = delta[ROOT * classCount + BOUNDARY_CLASS];
    }

    /**
     * The best matching rule: the lowest severity rank, then the rule declared first.
     *
     * @return the rule's index in the list given at construction, or {@link #NO_MATCH}
     */
    public int bestRule(String subject, String description) {
        int best = NONE;
        if (minSubjectRank != NONE) {
            best = scanBest(subject, bestSubjectRank, NONE, minSubjectRank);
        }
        if (best > minDescriptionRank) {
            best = scanBest(description, bestDescriptionRank, best, minDescriptionRank);
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

    /** Number of automaton states, for sizing and benchmarks. */
    public int stateCount() {
        return outputLink.length;
    }

    /** Number of char classes (columns of the transition table). */
    public int classCount() {
        return classCount;
    }

    /**
     * Scans the text once, improving {@code best} (a rank) with every bounded match; stops as soon as it reaches
     * {@code stopAt}, the best rank this field can give.
     */
    private int scanBest(String text, int[] bestRankAt, int best, int stopAt) {
        if (text == null) {
            return best;
        }
        final int[] delta = this.delta;
        final int classes = classCount;
        final int n = text.length();
        int state = startState;
        boolean afterSpace = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int cls;
            boolean word;
            if (c < 128) {
                int info = asciiInfo[c];
                if ((info & ASCII_SPACE) != 0) {
                    if (afterSpace) {
                        continue;
                    }
                    afterSpace = true;
                    state = delta[delta[state * classes + spaceClass] * classes + BOUNDARY_CLASS];
                    continue; // a phrase never ends with a space
                }
                cls = info & ASCII_CLASS_MASK;
                word = (info & ASCII_WORD) != 0;
            } else {
                if (isSpace(c)) {
                    if (afterSpace) {
                        continue;
                    }
                    afterSpace = true;
                    state = delta[delta[state * classes + spaceClass] * classes + BOUNDARY_CLASS];
                    continue;
                }
                char folded = Character.toLowerCase(c);
                cls = wideClass(folded);
                word = Character.isLetterOrDigit(folded);
            }
            afterSpace = false;
            state = delta[state * classes + cls];
            if (!word) {
                state = delta[state * classes + BOUNDARY_CLASS];
            }
            int rank = bestRankAt[state];
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
        boolean afterSpace = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                if (!afterSpace) {
                    afterSpace = true;
                    state = step(step(state, spaceClass), BOUNDARY_CLASS);
                }
                continue;
            }
            afterSpace = false;
            char folded = Character.toLowerCase(c);
            state = step(state, folded < 128 ? asciiInfo[folded] & ASCII_CLASS_MASK : wideClass(folded));
            if (!Character.isLetterOrDigit(folded)) {
                state = step(state, BOUNDARY_CLASS);
            }
            if (i + 1 < n && Character.isLetterOrDigit(text.charAt(i + 1))) {
                continue;
            }
            int s = ownOutputStart[state] < ownOutputStart[state + 1] ? state : outputLink[state];
            for (; s != ROOT; s = outputLink[s]) {
                for (int k = ownOutputStart[s]; k < ownOutputStart[s + 1]; k++) {
                    int rule = ownOutputRules[k];
                    if (searchesField[rule]) {
                        matched.set(rule);
                    }
                }
            }
        }
    }

    private int step(int state, int cls) {
        return delta[state * classCount + cls];
    }

    private int wideClass(char folded) {
        int at = Arrays.binarySearch(wideChars, folded);
        return at >= 0 ? wideClasses[at] : OTHER_CLASS;
    }

    /**
     * Breadth-first over the trie: computes failure links, fills every missing transition with the failure
     * state's one (making the table a complete DFA), and merges each state's outputs with its suffix's.
     */
    private void completeAutomaton(int states) {
        int[] fail = new int[states];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < classCount; c++) {
            int child = delta[ROOT * classCount + c];
            if (child < 0) {
                delta[ROOT * classCount + c] = ROOT;
            } else {
                fail[child] = ROOT;
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            int f = fail[s];
            // Suffix states are shallower, hence already complete.
            bestSubjectRank[s] = Math.min(bestSubjectRank[s], bestSubjectRank[f]);
            bestDescriptionRank[s] = Math.min(bestDescriptionRank[s], bestDescriptionRank[f]);
            outputLink[s] = ownOutputStart[f] < ownOutputStart[f + 1] ? f : outputLink[f];
            for (int c = 0; c < classCount; c++) {
                int child = delta[s * classCount + c];
                if (child < 0) {
                    delta[s * classCount + c] = delta[f * classCount + c];
                } else {
                    fail[child] = delta[f * classCount + c];
                    queue.add(child);
                }
            }
        }
    }

    private int[] newRow() {
        int[] row = new int[classCount];
        Arrays.fill(row, -1);
        return row;
    }

    /** The phrase as automaton symbols: a leading boundary, and a boundary after each non-letter-digit char. */
    private static int[] compile(String normalized, Map<Character, Integer> classOf) {
        int[] symbols = new int[2 * normalized.length() + 1];
        int n = 0;
        symbols[n++] = BOUNDARY_CLASS;
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            symbols[n++] = classOf.get(c);
            if (!Character.isLetterOrDigit(c)) {
                symbols[n++] = BOUNDARY_CLASS;
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
        return java.util.stream.IntStream.range(0, severityRank.length).boxed()
                .sorted((a, b) -> severityRank[a] != severityRank[b]
                        ? Integer.compare(severityRank[a], severityRank[b]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
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
}
