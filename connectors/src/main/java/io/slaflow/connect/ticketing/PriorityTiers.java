package io.slaflow.connect.ticketing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a ticketing system's numeric priority maps to SLAflow tiers, from configuration such as {@code P1:100,P2:50}:
 * a priority at or above a tier's threshold is that tier (the highest threshold reached wins); below every threshold
 * the ticket carries no explicit tier and the policy's classification decides. The reverse ({@link #priorityOf})
 * gives the threshold, the value written back when SLAflow shows its tier as the ticket's priority.
 */
public final class PriorityTiers {
    private static final Pattern TIER = Pattern.compile("P[1-9]");

    private record Threshold(String tier, long atLeast) {}

    private final List<Threshold> thresholds;

    private PriorityTiers(List<Threshold> thresholds) {
        this.thresholds = thresholds;
    }

    public static PriorityTiers none() {
        return new PriorityTiers(List.of());
    }

    /**
     * Parses {@code TIER:MIN,TIER:MIN...}; refuses, naming the option, a tier that is not P1..P9, a tier given twice,
     * a threshold that is not a whole number, and thresholds that do not fall with the tier's severity.
     */
    public static PriorityTiers parse(String option, String text) {
        List<Threshold> list = new ArrayList<>();
        if (text == null || text.isBlank()) return none();
        for (String part : text.split(",")) {
            String p = part.strip();
            int colon = p.indexOf(':');
            if (colon < 0) throw invalid(option, text, "'" + p + "' is not TIER:PRIORITY (e.g. P1:100)");
            String tier = p.substring(0, colon).strip().toUpperCase(java.util.Locale.ROOT);
            if (!TIER.matcher(tier).matches()) throw invalid(option, text, "'" + tier + "' is not a tier P1..P9");
            long min;
            try {
                min = Long.parseLong(p.substring(colon + 1).strip());
            } catch (NumberFormatException e) {
                throw invalid(option, text, "'" + p.substring(colon + 1).strip() + "' is not a whole number");
            }
            for (Threshold t : list) {
                if (t.tier.equals(tier)) throw invalid(option, text, "tier " + tier + " is given twice");
            }
            list.add(new Threshold(tier, min));
        }
        list.sort(Comparator.comparing(Threshold::tier));
        for (int i = 1; i < list.size(); i++) {
            if (list.get(i).atLeast >= list.get(i - 1).atLeast) {
                throw invalid(
                        option,
                        text,
                        list.get(i - 1).tier + " (more severe) needs a higher priority than " + list.get(i).tier
                                + ", got " + list.get(i - 1).atLeast + " and " + list.get(i).atLeast);
            }
        }
        return new PriorityTiers(List.copyOf(list));
    }

    private static IllegalArgumentException invalid(String option, String text, String why) {
        return new IllegalArgumentException(option + "='" + text + "': " + why);
    }

    /** The tier for a priority value, or null (no explicit tier: classification decides; also for non-numbers). */
    public String tierOf(String priority) {
        if (priority == null) return null;
        long value;
        try {
            value = Long.parseLong(priority.strip());
        } catch (NumberFormatException e) {
            return null;
        }
        for (Threshold t : thresholds) {
            if (value >= t.atLeast) return t.tier;
        }
        return null;
    }

    /** The priority value that shows {@code tier} (its threshold), or null when the tier is not mapped. */
    public String priorityOf(String tier) {
        for (Threshold t : thresholds) {
            if (t.tier.equalsIgnoreCase(tier)) return String.valueOf(t.atLeast);
        }
        return null;
    }

    public boolean isEmpty() {
        return thresholds.isEmpty();
    }

    @Override
    public String toString() {
        return thresholds.stream()
                .map(t -> t.tier + ":" + t.atLeast)
                .reduce((a, b) -> a + "," + b)
                .orElse("");
    }
}
