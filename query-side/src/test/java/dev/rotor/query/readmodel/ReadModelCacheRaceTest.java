package dev.rotor.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The in-memory layer never keeps a value that was read before a change committed: a load in
 * flight and the change's eviction are ordered, whichever thread is faster.
 */
class ReadModelCacheRaceTest {

    @Test
    void aLoadThatReadTheRowBeforeARevocationIsNotServedAfterIt() throws Exception {
        AtomicReference<String> row = new AtomicReference<>("active");
        CountDownLatch readTheOldRow = new CountDownLatch(1);
        CountDownLatch letTheLoadFinish = new CountDownLatch(1);
        boolean[] slow = {true};
        ReadModelCache<String, String> cache = ReadModelCache.enabled(100);

        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> cache.get("s1", id -> {
            String seen = row.get();
            if (slow[0]) {
                slow[0] = false;
                readTheOldRow.countDown();
                await(letTheLoadFinish);
            }
            return seen;
        }));
        assertThat(readTheOldRow.await(5, TimeUnit.SECONDS)).isTrue();

        // The revocation commits while the reader still holds the old row, then evicts.
        row.set("revoked");
        CompletableFuture<Void> eviction = CompletableFuture.runAsync(() -> cache.changed("s1"));
        Thread.sleep(100);
        letTheLoadFinish.countDown();
        eviction.get(5, TimeUnit.SECONDS);
        assertThat(reader.get(5, TimeUnit.SECONDS)).as("the racing reader saw the old row").isEqualTo("active");

        assertThat(cache.get("s1", id -> row.get())).as("after the eviction, memory answers the revocation")
                .isEqualTo("revoked");
    }

    @Test
    void aDisabledCacheAlwaysReadsAndAnAbsentRowIsRememberedUntilItChanges() {
        AtomicReference<String> row = new AtomicReference<>(null);
        ReadModelCache<String, String> disabled = ReadModelCache.disabled();
        ReadModelCache<String, String> enabled = ReadModelCache.enabled(10);
        assertThat(enabled.get("k", id -> row.get())).isNull();
        row.set("v");
        assertThat(disabled.get("k", id -> row.get())).isEqualTo("v");
        assertThat(enabled.get("k", id -> row.get())).as("absent is remembered").isNull();
        enabled.changed("k");
        assertThat(enabled.get("k", id -> row.get())).isEqualTo("v");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
