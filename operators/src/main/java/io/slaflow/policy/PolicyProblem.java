package io.slaflow.policy;

/**
 * One thing wrong with a policy file, located precisely enough to fix it without searching.
 *
 * @param source the file (or topic record) the policy came from
 * @param line   1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param field  the field path, e.g. {@code tiers[P2].response}
 */
public record PolicyProblem(String source, int line, int column, String field, String message) {

    @Override
    public String toString() {
        String where = line > 0 ? source + ":" + line + ":" + column : source;
        return where + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
