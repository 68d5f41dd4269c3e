package io.slaflow.bench;

import io.slaflow.ingest.RawRecord;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource.NumberSequenceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiter;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * A FLIP-27 source ({@link DataGeneratorSource}) over {@link BenchWorkload#records}, held in this JVM (MiniCluster
 * only). With parallelism p, split s reads records s, s+p, s+2p, ... so every split covers the whole time range (like
 * Kafka partitions progressing together). After its share of the records each split does not end: it slows to 10
 * records/s of a malformed heartbeat ({@code {}}, a dead letter at the parser, no keyed state touched), so the job keeps
 * running for checkpoints and savepoints after the measured input, without an end-of-input timer storm.
 *
 * <p>The harness reads {@link #EMITTED} and the marks: wall and process CPU time when the warm-up share of the records
 * has been emitted, and when the last one has.
 */
final class HeldInMemorySource {
    private HeldInMemorySource() {}

    static final byte[] HEARTBEAT = "{}".getBytes();
    static final AtomicLong EMITTED = new AtomicLong();
    static volatile long warmMark;
    static volatile long warmAtNanos;
    static volatile long warmCpuNanos;
    static volatile long endAtNanos;
    static volatile long endCpuNanos;
    private static final long TAIL = 1_000_000_000L;

    static void reset(long warmRecords) {
        EMITTED.set(0);
        warmMark = warmRecords;
        warmAtNanos = warmCpuNanos = endAtNanos = endCpuNanos = 0;
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static DataGeneratorSource<RawRecord> create(int parallelism) {
        long perSplit = BenchWorkload.records.length / parallelism;
        return new DataGeneratorSource<>(
                new Gen(parallelism, perSplit),
                (perSplit + TAIL) * parallelism,
                new Held(perSplit),
                TypeInformation.of(RawRecord.class));
    }

    static final class Gen implements GeneratorFunction<Long, RawRecord> {
        private final int p;
        private final long perSplit;

        Gen(int p, long perSplit) {
            this.p = p;
            this.perSplit = perSplit;
        }

        @Override
        public RawRecord map(Long index) {
            long split = index / (perSplit + TAIL);
            long j = index - split * (perSplit + TAIL);
            if (j >= perSplit) {
                return RawRecord.fromKafka(HEARTBEAT, "bench", (int) split, j);
            }
            long n = EMITTED.incrementAndGet();
            // the CPU time is written before the instant: the harness waits for the instant, then reads both
            if (n == warmMark) {
                warmCpuNanos = cpuNanos();
                warmAtNanos = System.nanoTime();
            } else if (n == perSplit * p) {
                endCpuNanos = cpuNanos();
                endAtNanos = System.nanoTime();
            }
            return RawRecord.fromKafka(BenchWorkload.records[(int) (j * p + split)], "bench", (int) split, j);
        }
    }

    /** No limit for the split's share of the records, then 10 records/s. */
    static final class Held implements RateLimiterStrategy<NumberSequenceSplit> {
        private final long perSplit;

        Held(long perSplit) {
            this.perSplit = perSplit;
        }

        @Override
        public RateLimiter<NumberSequenceSplit> createRateLimiter(int parallelism) {
            return new RateLimiter<>() {
                private long acquired;

                @Override
                public CompletionStage<Void> acquire(int n) {
                    acquired += n;
                    if (acquired <= perSplit) {
                        return CompletableFuture.completedFuture(null);
                    }
                    return CompletableFuture.runAsync(
                            () -> {}, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
                }
            };
        }
    }
}
