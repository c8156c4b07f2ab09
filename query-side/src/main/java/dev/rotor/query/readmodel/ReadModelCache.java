package dev.rotor.query.readmodel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Function;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Read-model rows answered from memory, where that is safe: only when this process applies every
 * event itself (one process owns the database). The live projection evicts a key when it changes
 * the row, and again after the appending transaction commits, before the command's caller gets its
 * answer. Rows are loaded inside the cache's per-key computation, never read-then-put, so an
 * eviction waits for a load in flight and a load that read the row before a revoking commit can
 * never be stored after that commit's eviction.
 *
 * <p>Switched off ({@link #disabled()}), every call reads the database.
 */
public final class ReadModelCache<K, V> {

    private final Cache<K, Object> cache;
    private static final Object ABSENT = new Object();

    private ReadModelCache(Cache<K, Object> cache) {
        this.cache = cache;
    }

    public static <K, V> ReadModelCache<K, V> enabled(long maximumSize) {
        return new ReadModelCache<>(Caffeine.newBuilder().maximumSize(maximumSize).build());
    }

    public static <K, V> ReadModelCache<K, V> disabled() {
        return new ReadModelCache<>(null);
    }

    public boolean isEnabled() {
        return cache != null;
    }

    /** The value for {@code key}: from memory, or loaded (a {@code null} load is remembered too). */
    @SuppressWarnings("unchecked")
    public V get(K key, Function<K, V> loader) {
        if (cache == null) {
            return loader.apply(key);
        }
        Object value = cache.get(key, k -> {
            V loaded = loader.apply(k);
            return loaded == null ? ABSENT : loaded;
        });
        return value == ABSENT ? null : (V) value;
    }

    /** The row of {@code key} changed in the current unit of work (if any): forget it now and after commit. */
    public void changed(K key) {
        if (cache != null) {
            cache.invalidate(key);
            CurrentUnitOfWork.ifStarted(uow -> uow.afterCommit(u -> cache.invalidate(key)));
        }
    }

    public void clear() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }
}
