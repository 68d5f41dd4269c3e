package io.slaflow.infra.workload;

import java.time.DayOfWeek;

/**
 * When people raise tickets, in the client's local time: busy in business hours (peaks mid-morning and
 * mid-afternoon), a trickle in the evening and at night, weekends quiet. Monitoring alerts ignore the rhythm.
 */
final class ArrivalRhythm {

    /** Relative weight of each local hour on a working day. */
    private static final double[] WEEKDAY = {
        0.02, 0.02, 0.02, 0.02, 0.02, 0.03, 0.06, 0.15, 0.50, 1.00, 1.20, 1.10,
        0.70, 0.90, 1.10, 1.00, 0.80, 0.40, 0.20, 0.10, 0.08, 0.06, 0.04, 0.03
    };

    private static final double WEEKEND_FACTOR = 0.10;
    private static final double WEEK_SUM;

    static {
        double day = 0;
        for (double w : WEEKDAY) {
            day += w;
        }
        WEEK_SUM = 5 * day + 2 * day * WEEKEND_FACTOR;
    }

    /** The share of a week's human-raised tickets that arrive in this local hour. */
    static double share(DayOfWeek day, int hour) {
        double w = WEEKDAY[hour];
        if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
            w *= WEEKEND_FACTOR;
        }
        return w / WEEK_SUM;
    }

    private ArrivalRhythm() {}
}
