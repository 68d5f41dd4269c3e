package io.slaflow.infra.workload;

/**
 * A client's commercial tier: how many tickets it raises, how its issues split by severity, and how well the MSP
 * serves it (the share of SLA targets that slip past their deadline).
 */
public enum ClientTier {
    //          volume  P1 share  P2 share  slip share (z of the tail)
    ENTERPRISE(1.6, 0.04, 0.20, 0.015, 2.170),
    BUSINESS(1.0, 0.03, 0.17, 0.025, 1.960),
    STANDARD(0.6, 0.02, 0.15, 0.035, 1.812);

    /** Relative ticket volume (normalised over the generated clients). */
    final double volume;
    /** Share of human-raised tickets that are P1 / P2 by content. */
    final double p1Share;

    final double p2Share;
    /** Share of targets whose delay falls past the deadline, and the matching standard normal quantile. */
    final double slipShare;

    final double slipZ;

    ClientTier(double volume, double p1Share, double p2Share, double slipShare, double slipZ) {
        this.volume = volume;
        this.p1Share = p1Share;
        this.p2Share = p2Share;
        this.slipShare = slipShare;
        this.slipZ = slipZ;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
