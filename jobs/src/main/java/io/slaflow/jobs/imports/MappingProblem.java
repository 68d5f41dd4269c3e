package io.slaflow.jobs.imports;

/** One thing wrong with a mapping file, printed as {@code FILE:LINE:COLUMN: FIELD: message} like policy problems. */
record MappingProblem(String source, int line, int column, String field, String message) {
    @Override
    public String toString() {
        String where = line > 0 ? source + ":" + line + ":" + column : source;
        return where + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
