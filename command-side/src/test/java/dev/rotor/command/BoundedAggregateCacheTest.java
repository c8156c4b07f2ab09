package dev.rotor.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class BoundedAggregateCacheTest {

    @Test
    void anAggregateNobodyHoldsSurvivesAGarbageCollection() {
        BoundedAggregateCache cache = new BoundedAggregateCache(100, Duration.ofMinutes(30));
        cache.put("session-1", new StringBuilder("aggregate")); // no other reference to the value
        System.gc();
        assertThat(cache.containsKey("session-1")).isTrue();
        assertThat(cache.<String, StringBuilder>get("session-1").toString()).isEqualTo("aggregate");
    }

    @Test
    void theLeastRecentlyUsedGoBeyondTheBoundAndListenersHearOfIt() {
        BoundedAggregateCache cache = new BoundedAggregateCache(50, Duration.ofMinutes(30));
        List<Object> expired = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                expired.add(key);
            }
        });
        for (int i = 0; i < 500; i++) {
            cache.put("session-" + i, i);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(50);
        assertThat(expired).hasSizeGreaterThanOrEqualTo(450);
    }

    @Test
    void putIfAbsentRemoveAndComputeBehaveLikeAMap() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10, Duration.ofMinutes(30));
        assertThat(cache.putIfAbsent("a", 1)).isTrue();
        assertThat(cache.putIfAbsent("a", 2)).isFalse();
        assertThat(cache.<String, Integer>get("a")).isEqualTo(1);
        cache.<Integer>computeIfPresent("a", value -> value + 10);
        assertThat(cache.<String, Integer>get("a")).isEqualTo(11);
        assertThat(cache.<Integer>computeIfAbsent("b", () -> 7)).isEqualTo(7);
        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.remove("a")).isFalse();
        assertThat(cache.containsKey("a")).isFalse();
        cache.removeAll();
        assertThat(cache.containsKey("b")).isFalse();
    }
}
