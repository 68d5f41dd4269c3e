package io.slaflow.contract;

/**
 * A tier's month as the contract judges it: targets met and decided over both of its targets (response and
 * resolution). Adherence is {@code met / decided}, never an average of percentages.
 */
public record TierMonth(String tier, long met, long decided) {
    public TierMonth {
        if (met < 0 || decided < met)
            throw new IllegalArgumentException("need 0 <= met <= decided: " + met + "/" + decided);
    }

    /** Percent met, NaN when nothing was decided. */
    public double adherencePercent() {
        return decided == 0 ? Double.NaN : 100.0 * met / decided;
    }
}
