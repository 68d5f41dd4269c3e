package io.slaflow.jobs.imports;

import java.util.List;
import java.util.stream.Collectors;

/** A mapping file (or a CSV header it does not fit) refused, with every problem found. */
public final class InvalidMappingException extends Exception {
    private final List<String> problems;

    InvalidMappingException(List<String> problems) {
        super((problems.size() == 1
                        ? "the mapping has 1 problem:\n"
                        : "the mapping has " + problems.size() + " problems:\n")
                + problems.stream().collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
