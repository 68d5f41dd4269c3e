package io.slaflow.sla;

/** What became of one event applied to a ticket. */
public record ApplyResult(Kind kind, String reason) {
    public enum Kind {
        APPLIED,
        DUPLICATE,
        REJECTED
    }

    public static final ApplyResult APPLIED = new ApplyResult(Kind.APPLIED, null);
    public static final ApplyResult DUPLICATE = new ApplyResult(Kind.DUPLICATE, null);

    public static ApplyResult rejected(String reason) {
        return new ApplyResult(Kind.REJECTED, reason);
    }
}
