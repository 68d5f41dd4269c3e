package io.slaflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WallClockWhileIdleTest {
    private OneInputStreamOperatorTestHarness<String, String> h;

    @BeforeEach
    void open() throws Exception {
        h = new OneInputStreamOperatorTestHarness<>(new WallClockWhileIdle<>(2_000, 100));
        h.setProcessingTime(1_000_000);
        h.open();
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    /** What reached the output: records as their values, watermarks as timestamps, statuses by name. */
    private List<Object> output() {
        List<Object> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r) out.add(r.getValue());
            else if (o instanceof Watermark w) out.add(w.getTimestamp());
            else if (o instanceof WatermarkStatus s) out.add(s.isIdle() ? "IDLE" : "ACTIVE");
        }
        return out;
    }

    @Test
    void whileTheInputIsActiveRecordsAndWatermarksPassThrough() throws Exception {
        h.processElement("e1", 990_000);
        h.processWatermark(new Watermark(988_000));
        h.setProcessingTime(1_060_000); // the wall clock runs, the input is not idle: it does not move time
        assertThat(output()).containsExactly("e1", 988_000L);
    }

    @Test
    void whileTheWholeInputIsIdleEventTimeFollowsTheWallClockMinusTheBound() throws Exception {
        h.processWatermark(new Watermark(990_000));
        h.processWatermarkStatus(WatermarkStatus.IDLE);
        assertThat(output())
                .as("at once, and the output is never declared idle")
                .containsExactly(990_000L, 1_000_000L - 2_001);

        h.setProcessingTime(1_000_100);
        h.setProcessingTime(1_000_200);
        assertThat(output()).endsWith(1_000_100L - 2_001, 1_000_200L - 2_001).doesNotContain("IDLE");
    }

    @Test
    void anInputThatBecomesActiveAgainTakesOverWithoutGoingBack() throws Exception {
        h.processWatermarkStatus(WatermarkStatus.IDLE);
        h.setProcessingTime(1_005_000);
        h.processWatermarkStatus(WatermarkStatus.ACTIVE);
        int before = output().size();
        h.setProcessingTime(1_010_000); // active: the wall clock no longer moves it
        h.processElement("late-ish", 1_001_000);
        h.processWatermark(new Watermark(1_001_000 - 2_001)); // behind what was emitted: dropped
        h.processWatermark(new Watermark(1_009_000));
        assertThat(output().subList(before, output().size())).containsExactly("late-ish", 1_009_000L);
        assertThat(output().stream()
                        .filter(o -> o instanceof Long)
                        .map(o -> (Long) o)
                        .toList())
                .isSorted();
    }

    @Test
    void idleAgainStartsOneClockNotTwo() throws Exception {
        h.processWatermarkStatus(WatermarkStatus.IDLE);
        h.processWatermarkStatus(WatermarkStatus.ACTIVE);
        h.processWatermarkStatus(WatermarkStatus.IDLE);
        h.processWatermarkStatus(WatermarkStatus.IDLE);
        assertThat(h.getProcessingTimeService().getNumActiveTimers()).isEqualTo(1);
    }

    @Test
    void whileTheBrokerDoesNotAnswerTheWallClockWaitsAndOnceBackItWaitsTheGraceToo() throws Exception {
        boolean[] reachable = {true};
        var op = new OneInputStreamOperatorTestHarness<String, String>(
                new WallClockWhileIdle<>(2_000, 100, () -> reachable[0], 30_000));
        op.setProcessingTime(1_000_000);
        op.open();
        try {
            op.processWatermarkStatus(WatermarkStatus.IDLE); // a quiet input: the wall clock moves it
            reachable[0] = false; // the broker goes away: its producers hold the events of these seconds
            op.setProcessingTime(1_000_100);
            op.setProcessingTime(1_010_000);
            reachable[0] = true;
            op.setProcessingTime(1_010_100);
            op.setProcessingTime(1_039_900); // back for less than the grace: the held-back events may still come
            long frozen = 1_000_000L - 2_001;
            assertThat(op.getOutput())
                    .extracting(o -> ((Watermark) o).getTimestamp())
                    .containsExactly(frozen);
            op.setProcessingTime(1_040_100);
            assertThat(op.getOutput())
                    .extracting(o -> ((Watermark) o).getTimestamp())
                    .last()
                    .isEqualTo(1_040_100L - 2_001);
        } finally {
            op.close();
        }
    }
}
