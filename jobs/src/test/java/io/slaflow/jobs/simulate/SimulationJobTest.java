package io.slaflow.jobs.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.event.TicketEventDeserializer;
import io.slaflow.jobs.replay.ReplayJob;
import io.slaflow.jobs.replay.ReplayOptions;
import io.slaflow.policy.Metric;
import io.slaflow.simulate.ContractCredits;
import io.slaflow.simulate.Credits;
import io.slaflow.simulate.Flips;
import io.slaflow.simulate.PolicyOutcome;
import io.slaflow.simulate.SideBySide;
import io.slaflow.simulate.SimulatedTarget;
import io.slaflow.simulate.Simulation;
import io.slaflow.simulate.SimulationScope;
import io.slaflow.simulate.SweepResult;
import io.slaflow.simulate.SweepSpec;
import io.slaflow.simulate.SweptPolicy;
import io.slaflow.simulate.ThresholdSweep.Tally;
import io.slaflow.sla.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slaflow simulate} end to end on a MiniCluster over the sample week (1,655 tickets of 12 clients): each policy's
 * outcomes are exactly the ones {@code slaflow replay} writes for it, a candidate identical to the current policy
 * changes nothing, a stricter one only turns MET or PENDING into BREACHED, the sweep's answer run as a candidate reaches
 * the goal and a minute tighter does not, and every file is the same bytes at every parallelism.
 */
class SimulationJobTest {
    private static final Path EVENTS = Path.of("../infra/samples/msp-week.jsonl");
    private static final Path POLICY = Path.of("../infra/policies/default.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Path stricter;
    private static Simulation withSweep;
    private static Path withSweepOut;
    private static Path sameAtParallelismOne;

    @BeforeAll
    static void simulate() throws Exception {
        // the default policy with P2 responses in 45m instead of 1h and P1 responses in 10m instead of 15m,
        String yaml = Files.readString(POLICY);
        yaml = SweptPolicy.of(yaml, spec("P2", Metric.RESPONSE), "45m").yaml();
        yaml = SweptPolicy.of(yaml, spec("P1", Metric.RESPONSE), "10m").yaml();
        // and stricter contract terms: ACME's P2 goal at 99% instead of 97%
        yaml = yaml.replace("P2: {goal: 97%, credit: 5%}", "P2: {goal: 99%, credit: 5%}");
        stricter = Files.writeString(dir.resolve("stricter.yaml"), yaml);
        withSweepOut = dir.resolve("with-sweep");
        withSweep =
                run(withSweepOut, List.of(stricter), "P2.response", "98%", 2).simulation();
        sameAtParallelismOne = dir.resolve("same-at-parallelism-1");
        run(sameAtParallelismOne, List.of(stricter), "P2.response", "98%", 1);
    }

    @Test
    void eachPolicysOutcomesAreTheOnesReplayWritesForIt() throws Exception {
        Map<String, JsonNode> current = replayOutcomes(POLICY, dir.resolve("replay-current"));
        Map<String, JsonNode> candidate = replayOutcomes(stricter, dir.resolve("replay-candidate"));
        assertThat(withSweep.targets()).hasSize(current.size()).hasSize(candidate.size());
        for (SimulatedTarget t : withSweep.targets()) {
            sameAs(t, t.under(0), current.get(t.key()));
            sameAs(t, t.under(1), candidate.get(t.key()));
        }
    }

    @Test
    void aCandidateIdenticalToTheCurrentPolicyChangesNothing() throws Exception {
        Path out = dir.resolve("identical");
        Simulation s = run(out, List.of(POLICY), null, null, 2).simulation();
        assertThat(s.flips().targets()).isEmpty();
        assertThat(Files.size(out.resolve(SimulationFiles.FLIPS))).isZero();
        for (List<SideBySide.Row> rows : List.of(
                s.sideBySide().rows(),
                s.sideBySide().tiers(),
                List.of(s.sideBySide().overall()))) {
            assertThat(rows).isNotEmpty().allSatisfy(r -> {
                assertThat(r.under(1)).isEqualTo(r.under(0));
                assertThat(r.adherenceChange(1)).isIn(0.0, Double.NaN);
            });
        }
        for (SimulatedTarget t : s.targets()) {
            assertThat(t.under(1)).as(t.key()).isEqualTo(t.under(0));
        }
        // the same contract terms over the same outcomes: the same credits, month by month
        assertThat(s.credits().anyStated()).isTrue();
        for (Credits.ClientCredits c : s.credits().clients()) {
            assertThat(c.byPolicy().get(1))
                    .as(c.clientId())
                    .isEqualTo(c.byPolicy().get(0));
        }
        JsonNode proposal =
                JSON.readTree(out.resolve(SimulationFiles.PROPOSAL_JSON).toFile());
        assertThat(proposal.at("/flips/byCandidate/0/targets").asLong()).isZero();
        assertThat(proposal.at("/overall/byPolicy/1/change/adherencePoints").asDouble())
                .isZero();
    }

    @Test
    void aStricterCandidateOnlyTurnsMetOrPendingIntoBreached() {
        Map<Flips.Direction, Long> directions = withSweep.flips().directions(1);
        assertThat(directions).isNotEmpty();
        assertThat(directions.keySet())
                .allSatisfy(d -> assertThat(d.to()).isEqualTo(Outcome.BREACHED))
                .allSatisfy(d -> assertThat(d.from()).isIn(Outcome.MET, Outcome.PENDING));
        // every flip is a response of the two tiers made stricter, and it flips because it counted more than the new
        // target
        for (SimulatedTarget t : withSweep.flips().targets()) {
            assertThat(t.metric()).isEqualTo(Metric.RESPONSE);
            assertThat(t.under(0).tier()).isIn("P1", "P2");
            assertThat(t.under(1).countedMs()).isEqualTo(t.under(0).countedMs());
            assertThat(t.under(1).countedMs())
                    .isGreaterThan(t.under(0).tier().equals("P1") ? 10 * 60_000L : 45 * 60_000L);
        }
        // stricter contract terms, fewer targets met: a client can only be owed as much or more, month by month
        assertThat(withSweep.credits().anyStated()).isTrue();
        boolean more = false;
        for (Credits.ClientCredits c : withSweep.credits().clients()) {
            Credits.PolicyCredits current = c.byPolicy().get(0);
            Credits.PolicyCredits candidate = c.byPolicy().get(1);
            assertThat(candidate.stated()).isEqualTo(current.stated());
            for (int m = 0; m < current.months().size(); m++) {
                var now = current.months().get(m).credit();
                var then = candidate.months().get(m).credit();
                if (now == null) continue;
                assertThat(then.percentOwed()).as(c.clientId()).isGreaterThanOrEqualTo(now.percentOwed());
                assertThat(then.missedTiers()).containsAll(now.missedTiers());
                more |= then.percentOwed().compareTo(now.percentOwed()) > 0;
            }
        }
        assertThat(more)
                .as("the stricter candidate costs a credit somewhere on the sample week")
                .isTrue();
    }

    @Test
    void theSweepsAnswerRunAsACandidateReachesTheGoalAndAMinuteTighterDoesNot() throws Exception {
        SweepResult sweep = withSweep.sweep();
        assertThat(sweep.reachable()).isTrue();
        assertThat(sweep.agreesWithEngine()).isTrue();
        Path answer = withSweepOut.resolve("sweep-P2.response.yaml");
        assertThat(answer).exists();
        Path tighter = Files.writeString(
                dir.resolve("tighter.yaml"),
                SweptPolicy.of(Files.readString(POLICY), sweep.spec(), sweep.tighterTarget())
                        .yaml());
        Simulation s = run(dir.resolve("answer"), List.of(answer, tighter), null, null, 2)
                .simulation();
        SideBySide.Row p2 = s.sideBySide().tiers().stream()
                .filter(r -> r.tier().equals("P2") && r.metric() == Metric.RESPONSE)
                .findFirst()
                .orElseThrow();
        Tally atAnswer = tally(p2.under(1));
        Tally atTighter = tally(p2.under(2));
        assertThat(atAnswer).isEqualTo(sweep.atProposed());
        assertThat(atAnswer.reaches(new BigDecimal("98")))
                .as("%s at %s", atAnswer, sweep.proposedTarget())
                .isTrue();
        assertThat(atTighter).isEqualTo(sweep.atTighter());
        assertThat(atTighter.reaches(new BigDecimal("98")))
                .as("%s at %s", atTighter, sweep.tighterTarget())
                .isFalse();
    }

    @Test
    void everyFileIsTheSameBytesAtEveryParallelism() throws IOException {
        List<String> names;
        try (Stream<Path> files = Files.list(withSweepOut)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(names)
                .contains(
                        SimulationFiles.PROPOSAL_JSON,
                        SimulationFiles.FLIPS,
                        SimulationFiles.PROPOSAL_HTML,
                        SimulationFiles.PROPOSAL_PDF,
                        "sweep-P2.response.yaml");
        for (String name : names) {
            assertThat(Files.readAllBytes(sameAtParallelismOne.resolve(name)))
                    .as(name)
                    .isEqualTo(Files.readAllBytes(withSweepOut.resolve(name)));
        }
        String html = Files.readString(withSweepOut.resolve(SimulationFiles.PROPOSAL_HTML));
        assertThat(html).contains("1,655 tickets", "2026-11-16", "Contract proposal: all clients");
    }

    @Test
    void idsFromOutsideAreOnlyTextInTheProposal() throws Exception {
        // one ticket of the sample (a P2 response in 50 min, so the 45m candidate flips it) under a hostile ticket id,
        // and again under a hostile client id with a character XML cannot carry
        String ticket = "<script>alert('x')</script>&\"";
        String client = "<b>acme</b>&\u0007'";
        List<String> lines = new String(Files.readAllBytes(EVENTS), java.nio.charset.StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.contains("\"ticketId\":\"INC0000392\""))
                .toList();
        assertThat(lines).hasSize(5);
        StringBuilder history = new StringBuilder();
        for (String l : lines)
            history.append(l.replace("\"ticketId\":\"INC0000392\"", "\"ticketId\":" + JSON.writeValueAsString(ticket)))
                    .append('\n');
        for (String l : lines) {
            history.append(l.replace("INC0000392", "T2")
                            .replace("\"clientId\":\"acme\"", "\"clientId\":" + JSON.writeValueAsString(client)))
                    .append('\n');
        }
        Path events = Files.writeString(dir.resolve("hostile.jsonl"), history);
        Path out = dir.resolve("hostile");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Simulation s = new SimulationJob(
                        new PrintStream(progress, true),
                        new ContractCredits(ContractCredits.REPORT_DEFAULT_GOAL_PERCENT),
                        new ProposalReport())
                .run(new SimulationOptions(
                        events,
                        POLICY,
                        List.of(stricter),
                        SimulationScope.ALL,
                        null,
                        Duration.ofMinutes(5),
                        EnforcerSettings.live(),
                        1,
                        TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES,
                        null,
                        null,
                        out))
                .simulation();
        assertThat(s.flips().targets()).extracting(SimulatedTarget::ticketId).contains(ticket);

        // the HTML is well-formed XML (what the PDF renderer parses) and every id is text in it, never markup
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var doc = factory.newDocumentBuilder()
                .parse(out.resolve(SimulationFiles.PROPOSAL_HTML).toFile());
        assertThat(doc.getElementsByTagNameNS("*", "script").getLength()).isZero();
        assertThat(doc.getElementsByTagNameNS("*", "b").getLength()).isZero();
        String text = doc.getDocumentElement().getTextContent();
        assertThat(text).contains(ticket, "<b>acme</b>&'");
        assertThat(new String(
                        Files.readAllBytes(out.resolve(SimulationFiles.PROPOSAL_PDF)),
                        0,
                        5,
                        java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        JsonNode flip = JSON.readTree(
                Files.readAllLines(out.resolve(SimulationFiles.FLIPS)).get(0));
        assertThat(flip.get("ticketId").asText()).isIn(ticket, "T2");
    }

    // ---- helpers ----

    static SimulationJob.Result run(Path out, List<Path> candidates, String sweep, String goal, int parallelism)
            throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        SimulationOptions o = new SimulationOptions(
                EVENTS,
                POLICY,
                candidates,
                SimulationScope.ALL,
                null,
                Duration.ofMinutes(5),
                EnforcerSettings.live(),
                parallelism,
                TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES,
                sweep,
                goal,
                out);
        SimulationJob.Result r = new SimulationJob(
                        new PrintStream(progress, true),
                        new ContractCredits(ContractCredits.REPORT_DEFAULT_GOAL_PERCENT),
                        new ProposalReport())
                .run(o);
        assertThat(progress.toString()).contains("simulate: files written");
        return r;
    }

    private static Map<String, JsonNode> replayOutcomes(Path policy, Path out) throws Exception {
        new ReplayJob(new PrintStream(new ByteArrayOutputStream(), true))
                .run(new ReplayOptions(
                        EVENTS,
                        policy,
                        out,
                        null,
                        Duration.ofMinutes(5),
                        EnforcerSettings.live(),
                        2,
                        TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES));
        Map<String, JsonNode> byKey = new HashMap<>();
        for (String line : Files.readAllLines(out.resolve("outcomes.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            byKey.put(n.get("ticketId").asText() + ":" + n.get("metric").asText(), n);
        }
        return byKey;
    }

    private static void sameAs(SimulatedTarget t, PolicyOutcome o, JsonNode replayed) {
        assertThat(replayed).as(t.key()).isNotNull();
        assertThat(o.outcome().name())
                .as(t.key())
                .isEqualTo(replayed.get("outcome").asText());
        assertThat(o.tier()).as(t.key()).isEqualTo(replayed.get("tier").asText());
        assertThat(instant(o.deadline()))
                .as(t.key())
                .isEqualTo(replayed.get("deadline").asText(null));
        assertThat(instant(o.completedAt()))
                .as(t.key())
                .isEqualTo(replayed.get("completedAt").asText(null));
        assertThat(instant(o.breachedAt()))
                .as(t.key())
                .isEqualTo(replayed.get("breachedAt").asText(null));
    }

    private static String instant(long ms) {
        return ms < 0 ? null : Instant.ofEpochMilli(ms).toString();
    }

    private static Tally tally(SideBySide.Figures f) {
        return new Tally(f.met(), f.decided());
    }

    private static SweepSpec spec(String tier, Metric metric) {
        return new SweepSpec(tier, metric, BigDecimal.valueOf(100));
    }
}
