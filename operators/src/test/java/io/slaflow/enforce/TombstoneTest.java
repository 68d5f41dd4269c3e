package io.slaflow.enforce;

import static io.slaflow.enforce.EnforcerHarness.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slaflow.sla.SlaClock;
import io.slaflow.sla.TicketState;
import io.slaflow.streams.SerializerChecks;
import java.io.IOException;
import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.junit.jupiter.api.Test;

class TombstoneTest {
    private static final long DAYS_30 = Duration.ofDays(30).toMillis();

    @Test
    void aClosedTicketEndedAtItsCloseAResolvedOneAtItsLastCompletedTarget() {
        TicketState closed = ended(at("2026-11-16T10:05:00Z"), at("2026-11-16T11:00:00Z"));
        closed.closedAt = at("2026-11-16T11:30:00Z");
        assertThat(Tombstone.of(closed, at("2026-11-16T12:30:00Z")))
                .isEqualTo(new Tombstone(at("2026-11-16T12:30:00Z"), at("2026-11-16T11:30:00Z"), true));

        TicketState resolved =
                ended(at("2026-11-17T09:00:00Z"), at("2026-11-16T11:00:00Z")); // answered after resolving
        assertThat(Tombstone.of(resolved, at("2026-12-17T09:00:00Z")))
                .isEqualTo(new Tombstone(at("2026-12-17T09:00:00Z"), at("2026-11-17T09:00:00Z"), false));
    }

    @Test
    void itCountsForEventsBeforeTwoResolvedRetentionsAfterThePurge() {
        Tombstone t = new Tombstone(at("2026-12-16T10:10:00Z"), at("2026-11-16T10:10:00Z"), false);
        assertThat(t.expiresAt(DAYS_30)).isEqualTo(at("2027-02-14T10:10:00Z"));
        assertThat(t.countsAt(at("2026-12-16T10:10:00Z"), DAYS_30)).isTrue();
        assertThat(t.countsAt(at("2027-02-14T10:09:59.999Z"), DAYS_30)).isTrue();
        assertThat(t.countsAt(at("2027-02-14T10:10:00Z"), DAYS_30)).isFalse();
        assertThat(t.countsAt(Long.MAX_VALUE, Long.MAX_VALUE))
                .as("a retention without end saturates")
                .isFalse();
        assertThat(t.expiresAt(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(t.countsAt(at("2030-01-01T00:00:00Z"), Long.MAX_VALUE)).isTrue();
        assertThat(t.countsAt(t.purgedAt(), 0))
                .as("no retention: it never counts")
                .isFalse();
    }

    @Test
    void itsSerializerRoundTripsAndRefusesAnotherFormat() throws Exception {
        Tombstone t = new Tombstone(at("2026-12-16T10:10:00Z"), at("2026-11-16T10:10:00Z"), true);
        assertThat(SerializerChecks.roundTrip(TombstoneSerializer.INSTANCE, t)).isEqualTo(t);
        assertThat(SerializerChecks.roundTrip(TombstoneSerializer.INSTANCE, new Tombstone(-1, Long.MIN_VALUE, false)))
                .isEqualTo(new Tombstone(-1, Long.MIN_VALUE, false));
        SerializerChecks.snapshotRestoresACompatibleSerializer(TombstoneSerializer.INSTANCE);
        byte[] future = {TombstoneSerializer.FORMAT + 1, 0};
        assertThatThrownBy(() -> TombstoneSerializer.INSTANCE.deserialize(new DataInputDeserializer(future)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("restore this savepoint with the SLAflow version");
    }

    /**
     * The state's TTL: two resolved retentions of processing time from the write (Flink has no event-time TTL; the
     * event-time rule is {@link Tombstone#countsAt}), never returned once expired, and cleaned up on both backends.
     */
    @Test
    void itsStateExpiresTwoRetentionsAfterTheWriteOnEitherBackend() {
        ValueStateDescriptor<Tombstone> d = SlaEnforcer.tombstoneState(DAYS_30);
        assertThat(d.getName())
                .as("its own state: on RocksDB its own column family")
                .isEqualTo("tombstone");
        StateTtlConfig ttl = d.getTtlConfig();
        assertThat(ttl.isEnabled()).isTrue();
        assertThat(ttl.getTimeToLive()).isEqualTo(Duration.ofDays(60));
        assertThat(ttl.getUpdateType()).isEqualTo(StateTtlConfig.UpdateType.OnCreateAndWrite);
        assertThat(ttl.getStateVisibility()).isEqualTo(StateTtlConfig.StateVisibility.NeverReturnExpired);
        assertThat(ttl.getTtlTimeCharacteristic()).isEqualTo(StateTtlConfig.TtlTimeCharacteristic.ProcessingTime);
        StateTtlConfig.CleanupStrategies cleanup = ttl.getCleanupStrategies();
        assertThat(cleanup.inFullSnapshot())
                .as("left out of full snapshots: savepoints, heap checkpoints")
                .isTrue();
        assertThat(cleanup.inRocksdbCompactFilter())
                .as("RocksDB: dropped as it compacts")
                .isTrue();
        assertThat(cleanup.getRocksdbCompactFilterCleanupStrategy().getQueryTimeAfterNumEntries())
                .isEqualTo(SlaEnforcer.TTL_COMPACTION_QUERY_AFTER_ENTRIES);
        assertThat(cleanup.getIncrementalCleanupStrategy())
                .as("heap: checked as the state is used")
                .isNotNull();
        assertThat(cleanup.getIncrementalCleanupStrategy().getCleanupSize())
                .isEqualTo(SlaEnforcer.TTL_CLEANUP_PER_ACCESS);

        assertThat(SlaEnforcer.tombstoneState(0).getTtlConfig().isEnabled())
                .as("no retention: no tombstone is ever written, and Flink refuses a TTL of 0")
                .isFalse();
    }

    private static TicketState ended(long responded, long resolved) {
        TicketState s = new TicketState();
        s.response = new SlaClock();
        s.response.completedAt = responded;
        s.resolution = new SlaClock();
        s.resolution.completedAt = resolved;
        return s;
    }
}
