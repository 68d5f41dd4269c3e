package io.slaflow.infra.workload;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated client.
 *
 * @param id             client id as it appears in events
 * @param tier           the client's commercial tier
 * @param zone           where its people work (arrivals follow this zone's business hours)
 * @param listed         true when infra/policies/default.yaml lists the client (else it gets the default profile)
 * @param slaZone        the zone of the business-hours calendar the default policy runs its P3 clocks on
 * @param localOffsets   true when its ticketing integration writes local offsets ({@code +08:00}) instead of Z
 */
public record WorkloadClient(
        String id, ClientTier tier, ZoneId zone, boolean listed, ZoneId slaZone, boolean localOffsets) {

    static final List<String> GENERATED_ZONES = List.of(
            "Asia/Manila",
            "America/New_York",
            "Europe/London",
            "America/Chicago",
            "America/Los_Angeles",
            "Europe/Berlin",
            "Asia/Singapore",
            "Australia/Sydney",
            "Asia/Kolkata",
            "Asia/Tokyo",
            "America/Sao_Paulo",
            "Africa/Johannesburg");

    /** The clients of a workload: acme, globex, initech (as in default.yaml), then client-004, client-005... */
    public static List<WorkloadClient> roster(int n, long seed) {
        List<WorkloadClient> out = new ArrayList<>(n);
        ZoneId utc = ZoneId.of("UTC");
        WorkloadClient[] listed = {
            new WorkloadClient(
                    "acme",
                    ClientTier.ENTERPRISE,
                    ZoneId.of("America/New_York"),
                    true,
                    ZoneId.of("America/New_York"),
                    false),
            new WorkloadClient(
                    "globex", ClientTier.BUSINESS, ZoneId.of("Asia/Manila"), true, ZoneId.of("Asia/Manila"), true),
            new WorkloadClient(
                    "initech", ClientTier.STANDARD, ZoneId.of("Europe/London"), true, ZoneId.of("Europe/London"), false)
        };
        for (int i = 0; i < Math.min(n, listed.length); i++) {
            out.add(listed[i]);
        }
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5CA1AB1E_C0FFEEL);
        for (int i = listed.length; i < n; i++) {
            double u = rnd.nextDouble();
            ClientTier tier = u < 0.2 ? ClientTier.ENTERPRISE : u < 0.6 ? ClientTier.BUSINESS : ClientTier.STANDARD;
            ZoneId zone = ZoneId.of(GENERATED_ZONES.get((i - listed.length) % GENERATED_ZONES.size()));
            // Not in default.yaml: the policy gives it the default profile (UTC business hours).
            out.add(new WorkloadClient(String.format("client-%03d", i + 1), tier, zone, false, utc, i % 4 == 0));
        }
        return List.copyOf(out);
    }

    /** The tier the default policy sees: an unlisted client gets the default profile's 'standard'. */
    public ClientTier policyTier() {
        return listed ? tier : ClientTier.STANDARD;
    }
}
