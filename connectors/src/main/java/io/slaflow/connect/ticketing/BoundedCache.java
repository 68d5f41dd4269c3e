package io.slaflow.connect.ticketing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A least-recently-used map of bounded size: what the source remembers about tickets and users between polls. Losing
 * an entry (eviction, a restart) costs one more call to the ticketing system, never a different event.
 */
public final class BoundedCache<K, V> {
    private final LinkedHashMap<K, V> map;

    public BoundedCache(int capacity) {
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    public V get(K key) {
        return map.get(key);
    }

    public void put(K key, V value) {
        map.put(key, value);
    }

    public boolean contains(K key) {
        return map.containsKey(key);
    }

    public int size() {
        return map.size();
    }
}
