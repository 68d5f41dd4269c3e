package io.slaflow.infra.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The texts classify as intended under the keyword rules of infra/policies/default.yaml. */
class TicketTemplatesTest {

    /** classification.keywords of default.yaml. */
    static final List<String> P1 = List.of(
            "production down",
            "prod down",
            "outage",
            "system down",
            "site down",
            "database down",
            "server down",
            "data loss",
            "security breach",
            "ransomware",
            "all users affected",
            "cannot process payments");

    static final List<String> P2 = List.of(
            "degraded",
            "intermittent",
            "very slow",
            "vpn down",
            "cannot log in",
            "cannot login",
            "email not working",
            "printer down for department",
            "backup failed");

    static boolean matches(String text, List<String> phrases) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String p : phrases) {
            if (Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(p) + "(?![\\p{L}\\p{N}])")
                    .matcher(lower)
                    .find()) {
                return true;
            }
        }
        return false;
    }

    static String keywordTier(String text) {
        return matches(text, P1) ? "P1" : matches(text, P2) ? "P2" : "P3";
    }

    @Test
    void humanTextsClassifyAsTheirTier() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (List<TicketTemplates.Template> group :
                List.of(TicketTemplates.HUMAN_P1, TicketTemplates.HUMAN_P2, TicketTemplates.HUMAN_P3)) {
            for (TicketTemplates.Template t : group) {
                for (int i = 0; i < 50; i++) {
                    TicketTemplates.Fillers f = TicketTemplates.Fillers.pick("client-0" + i, rnd);
                    String text = f.fill(t.subject()) + " " + f.fill(t.description());
                    assertThat(keywordTier(text)).as(text).isEqualTo(t.tier());
                }
            }
        }
    }

    @Test
    void monitoringTextsNeverOutrankTheirSeverity() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (TicketTemplates.Template t : TicketTemplates.all()) {
            TicketTemplates.Fillers f = TicketTemplates.Fillers.pick("acme", rnd);
            String text = f.fill(t.subject()) + " " + f.fill(t.description());
            assertThat(keywordTier(text).compareTo(t.tier())).as(text).isGreaterThanOrEqualTo(0);
        }
    }
}
