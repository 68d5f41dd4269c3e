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

    /**
     * {@code FILE:LINE:COLUMN: FIELD: message}, as compilers print it (editors jump to it). The field is left out
     * when the problem is not in one field (a YAML syntax error, an empty file); line and column are left out when
     * unknown (an unreadable file): {@code FILE: message}.
     */
    @Override
    public String toString() {
        String where = line > 0 ? source + ":" + line + ":" + column : source;
        return where + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
