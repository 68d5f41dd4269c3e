package io.slaflow.simulate;

import io.slaflow.policy.Metric;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.policy.TierPolicy;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What to sweep: one tier's target ({@code P2.response}) and the adherence goal it must reach ({@code 98%}).
 *
 * @param tier        the tier id as the policy spells it
 * @param goalPercent above 0 and at most 100
 */
public record SweepSpec(String tier, Metric metric, BigDecimal goalPercent) {

    /**
     * Parses {@code TIER.TARGET} against the policy's tiers (ignoring case, as the engine matches priorities) and a goal
     * such as {@code 98%}, {@code 99.5%} or {@code 98}.
     *
     * @throws IllegalArgumentException saying what is expected
     */
    public static SweepSpec parse(String target, String goal, SlaPolicy policy) {
        String t = target == null ? "" : target.strip();
        int dot = t.lastIndexOf('.');
        String tiers = policy.tiers().stream().map(TierPolicy::id).collect(Collectors.joining(", "));
        if (dot <= 0 || dot == t.length() - 1) {
            throw new IllegalArgumentException(
                    "'" + target + "' is not TIER.TARGET: write e.g. P2.response or P3.resolution" + " (tiers of "
                            + policy.version() + ": " + tiers + ")");
        }
        String tierPart = t.substring(0, dot);
        TierPolicy tier = policy.tiers().stream()
                .filter(x -> x.id().equalsIgnoreCase(tierPart))
                .findFirst()
                .orElse(null);
        if (tier == null) {
            throw new IllegalArgumentException("'" + tierPart + "' is not a tier of the current policy "
                    + policy.version() + " (its tiers: " + tiers + ")");
        }
        Metric metric;
        try {
            metric = Metric.valueOf(t.substring(dot + 1).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + t.substring(dot + 1) + "' is not a target: write " + tier.id()
                    + ".response or " + tier.id() + ".resolution");
        }
        return new SweepSpec(tier.id(), metric, parseGoal(goal));
    }

    /** {@code 98%}, {@code 99.5%}, {@code 98}: above 0 and at most 100. A bare fraction ({@code 0.98}) is refused as ambiguous. */
    public static BigDecimal parseGoal(String goal) {
        String g = goal == null ? "" : goal.strip();
        boolean percent = g.endsWith("%");
        String number = (percent ? g.substring(0, g.length() - 1) : g).strip();
        BigDecimal v;
        try {
            v = new BigDecimal(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + goal + "' is not a goal: write a percentage such as 98% or 99.5%");
        }
        if (!percent && v.compareTo(BigDecimal.ONE) < 0 && v.signum() > 0) {
            throw new IllegalArgumentException("'" + goal + "' is ambiguous: write "
                    + v.movePointRight(2).stripTrailingZeros().toPlainString() + "% for that share, or " + g
                    + "% if you mean it");
        }
        if (v.signum() <= 0 || v.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("'" + goal + "' is out of range: a goal is above 0% and at most 100%");
        }
        return v.stripTrailingZeros();
    }

    /** {@code P2.response}. */
    public String label() {
        return tier + "." + metric.name().toLowerCase(Locale.ROOT);
    }

    /** {@code 98%}. */
    public String goalText() {
        return goalPercent.toPlainString() + "%";
    }
}
