package io.slaflow.policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy was refused; every problem found is listed, not just the first. The message is a header line
 * followed by one line per problem, {@code FILE:LINE:COLUMN: FIELD: message} (see {@link PolicyProblem#toString}).
 */
public class InvalidPolicyException extends Exception {
    private final List<PolicyProblem> problems;

    public InvalidPolicyException(List<PolicyProblem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public List<PolicyProblem> problems() {
        return problems;
    }

    private static String format(List<PolicyProblem> problems) {
        String header =
                problems.size() == 1 ? "the policy has 1 problem" : "the policy has " + problems.size() + " problems";
        return header + ":\n" + problems.stream().map(PolicyProblem::toString).collect(Collectors.joining("\n"));
    }
}
