package io.slaflow.adherence.stream;

import io.slaflow.adherence.AdherenceFragment;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Pre-aggregation before the per-series key, so a hot client does not become a bottleneck: fragments of the
 * same series and hour arriving between two watermarks are summed locally and sent on as one. The bundle is
 * emitted before every watermark (so downstream timers see every change they should), before every checkpoint
 * barrier (so the bundle needs no state of its own and nothing is lost on failure), at the end of input, and
 * whenever it holds {@code maxEntries} different buckets (bounded memory).
 */
public class AdherenceBundler extends AbstractStreamOperator<AdherenceFragment>
        implements OneInputStreamOperator<AdherenceFragment, AdherenceFragment>, BoundedOneInput {

    private final int maxEntries;
    private transient Map<String, Entry> bundle;

    public AdherenceBundler(int maxEntries) {
        if (maxEntries < 1) throw new IllegalArgumentException("maxEntries must be at least 1");
        this.maxEntries = maxEntries;
    }

    private static final class Entry {
        AdherenceFragment fragment;
        long timestamp;

        Entry(AdherenceFragment fragment, long timestamp) {
            this.fragment = fragment;
            this.timestamp = timestamp;
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        bundle = new HashMap<>();
    }

    @Override
    public void processElement(StreamRecord<AdherenceFragment> element) {
        AdherenceFragment f = element.getValue();
        long ts = element.hasTimestamp() ? element.getTimestamp() : Long.MIN_VALUE;
        String key = f.seriesKey() + '@' + f.hourStart();
        Entry existing = bundle.get(key);
        if (existing == null) {
            bundle.put(key, new Entry(f, ts));
            if (bundle.size() >= maxEntries) flush();
        } else {
            existing.fragment = existing.fragment.plus(f);
            existing.timestamp = Math.max(existing.timestamp, ts);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput() {
        flush();
    }

    private void flush() {
        if (bundle.isEmpty()) return;
        for (Entry e : bundle.values()) {
            if (e.fragment.counts().isEmpty()) continue; // a change and its undo inside one bundle
            StreamRecord<AdherenceFragment> r = e.timestamp == Long.MIN_VALUE
                    ? new StreamRecord<>(e.fragment)
                    : new StreamRecord<>(e.fragment, e.timestamp);
            output.collect(r);
        }
        bundle.clear();
    }
}
