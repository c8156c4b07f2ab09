package dev.rotor.query.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.query.InMemoryRepository;
import dev.rotor.query.session.SessionView;
import dev.rotor.query.session.SessionViewRepository;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The in-memory session layer never keeps a snapshot that was read before a revocation committed:
 * a load in flight and the revocation's eviction are ordered, whichever thread is faster.
 */
class ValidationStateRaceTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aLoadThatReadTheRowBeforeARevocationIsNotServedAfterIt() throws Exception {
        SessionView row = new SessionView("s1", "alice", "alice@example.com", "user", "pwd", 1, 1, T0,
                T0.plusSeconds(3600), T0.plusSeconds(7200), "junit", "127.0.0.1");
        CountDownLatch readTheOldRow = new CountDownLatch(1);
        CountDownLatch letTheLoadFinish = new CountDownLatch(1);
        boolean[] slow = {true};
        SessionViewRepository sessions = (SessionViewRepository) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {SessionViewRepository.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("findById")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    // A copy of the row as committed at the moment of reading.
                    SessionView copy = new SessionView(row.getSessionId(), row.getUserId(), row.getEmail(),
                            row.getRoles(), row.getAmr(), row.getUserVersion(), row.getGlobalVersion(),
                            row.getCreatedAt(), row.getIdleExpiresAt(), row.getAbsoluteExpiresAt(),
                            row.getUserAgent(), row.getIp());
                    if (row.getRevokedAt() != null) {
                        copy.revoked(row.getRevokedAt(), row.getRevocationReason());
                    }
                    if (slow[0]) {
                        slow[0] = false;
                        readTheOldRow.countDown();
                        letTheLoadFinish.await(5, TimeUnit.SECONDS);
                    }
                    return Optional.of(copy);
                });
        TokenFloorViewRepository floors = InMemoryRepository.of(TokenFloorViewRepository.class,
                TokenFloorView::getFloorKey, Map.of());
        ValidationState state = new ValidationState(sessions, floors, true, 100);

        CompletableFuture<Boolean> reader = CompletableFuture.supplyAsync(
                () -> state.session("s1").orElseThrow().revoked());
        assertThat(readTheOldRow.await(5, TimeUnit.SECONDS)).isTrue();

        // The revocation commits while the reader still holds the old row, then evicts.
        row.revoked(T0.plusSeconds(10), "logout");
        CompletableFuture<Void> eviction = CompletableFuture.runAsync(() -> state.sessionChanged("s1"));
        Thread.sleep(100);
        letTheLoadFinish.countDown();
        eviction.get(5, TimeUnit.SECONDS);
        assertThat(reader.get(5, TimeUnit.SECONDS)).as("the racing reader saw the old row").isFalse();

        assertThat(state.session("s1").orElseThrow().revoked())
                .as("after the eviction, the revocation is what memory answers").isTrue();
    }
}
