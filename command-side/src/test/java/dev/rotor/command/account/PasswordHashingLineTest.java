package dev.rotor.command.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PasswordHashingLineTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void tearDown() throws InterruptedException {
        release.countDown();
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Starts {@code count} more hashes that hold their turn until {@link #release}, and waits until the line holds them. */
    private List<Future<String>> fill(PasswordHashingLine line, int count) throws InterruptedException {
        int before = line.admitted();
        List<Future<String>> blocked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "blocked-" + i;
            blocked.add(threads.submit(() -> line.run(() -> {
                awaitRelease();
                return name;
            })));
        }
        while (line.admitted() < before + count) {
            Thread.sleep(1);
        }
        return blocked;
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RotorException refusal(Runnable hashing) {
        return catchThrowableOfType(RotorException.class, hashing::run);
    }

    @Test
    void aFullLineRefusesTheNextHashAtOnceWithRetryAfterTheMaximumWait() throws Exception {
        PasswordHashingLine line = new PasswordHashingLine(1, 2, Duration.ofSeconds(30));
        fill(line, 3); // one running, two waiting
        AtomicBoolean ran = new AtomicBoolean();

        // With a 30 s maximum wait, a hash that queued instead of being refused would hang here.
        RotorException refused = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> refusal(() -> line.run(() -> ran.getAndSet(true))));

        assertThat(refused).isNotNull();
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.SERVER_BUSY);
        assertThat(refused.errorCode().status()).isEqualTo(503);
        assertThat(refused.retryAfterSeconds()).isEqualTo(30L);
        assertThat(ran).as("a refused hash is never run").isFalse();
        assertThat(line.admitted()).as("the refusal took no place in the line").isEqualTo(3);
    }

    @Test
    void waitingHashesRunInTurnOnceTheLineMoves() throws Exception {
        PasswordHashingLine line = new PasswordHashingLine(1, 2, Duration.ofSeconds(30));
        List<Future<String>> blocked = fill(line, 3);

        release.countDown();

        for (int i = 0; i < blocked.size(); i++) {
            assertThat(blocked.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("blocked-" + i);
        }
        assertThat(line.admitted()).isZero();
        assertThat(line.run(() -> "next")).isEqualTo("next");
    }

    @Test
    void aHashWhoseTurnDoesNotComeWithinTheMaximumWaitIsRefused() throws Exception {
        PasswordHashingLine line = new PasswordHashingLine(1, 5, Duration.ofMillis(50));
        fill(line, 1);

        RotorException refused = refusal(() -> line.run(() -> "too late"));

        assertThat(refused).isNotNull();
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.SERVER_BUSY);
        assertThat(refused.retryAfterSeconds()).as("rounded up to whole seconds").isEqualTo(1L);
        assertThat(line.admitted()).isEqualTo(1);
    }

    @Test
    void retryAfterIsTheMaximumWaitRoundedUpToWholeSeconds() throws Exception {
        PasswordHashingLine line = new PasswordHashingLine(1, 0, Duration.ofMillis(2500));
        fill(line, 1);

        assertThat(refusal(() -> line.run(() -> "refused")).retryAfterSeconds()).isEqualTo(3L);
    }

    @Test
    void refuseWhenFullRefusesOnlyAFullLine() throws Exception {
        PasswordHashingLine line = new PasswordHashingLine(1, 1, Duration.ofSeconds(30));
        fill(line, 1);
        line.refuseWhenFull(); // one running, a place in the line left: no refusal

        fill(line, 1);
        RotorException refused = refusal(line::refuseWhenFull);

        assertThat(refused).isNotNull();
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.SERVER_BUSY);
        assertThat(refused.retryAfterSeconds()).isEqualTo(30L);
    }

    @Test
    void aFailingHashGivesItsTurnBack() {
        PasswordHashingLine line = new PasswordHashingLine(1, 0, Duration.ofSeconds(1));

        assertThat(catchThrowableOfType(IllegalStateException.class,
                () -> line.run(() -> { throw new IllegalStateException("native failure"); }))).isNotNull();

        assertThat(line.admitted()).isZero();
        assertThat(line.run(() -> "next")).isEqualTo("next");
    }

    @Test
    void theArgon2idHasherTakesItsTurnInTheLineForEveryHash() throws Exception {
        PasswordHashingProperties cheapest = new PasswordHashingProperties(1024, 1, 1, 1, 1, Duration.ofSeconds(30), 0, Duration.ofSeconds(30));
        PasswordHashingLine line = PasswordHashingLine.of(cheapest);
        PasswordHasher hasher = new Argon2idPasswordHasher(cheapest, line);
        String hash = hasher.hash("correct horse battery staple");
        fill(line, line.capacity());

        for (Runnable hashing : List.<Runnable>of(
                () -> hasher.hash("a brand new passphrase"),
                () -> hasher.verify(hash, "correct horse battery staple"),
                () -> hasher.verifyAgainstDummy("a password for nobody"))) {
            RotorException refused = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> refusal(hashing));
            assertThat(refused).isNotNull();
            assertThat(refused.errorCode()).isEqualTo(ErrorCode.SERVER_BUSY);
        }

        release.countDown();
        while (line.admitted() > 0) {
            Thread.sleep(1);
        }
        assertThat(hasher.verify(hash, "correct horse battery staple")).isTrue();
    }

    @Test
    void hashesRunOnThreadsOfTheConfiguredPriorityWhileTheCallerWaits() {
        assumeLinux();
        PasswordHashingLine line = new PasswordHashingLine(1, 0, Duration.ofSeconds(1), 19, Duration.ofSeconds(30));
        Thread caller = Thread.currentThread();
        Integer callerNiceness = LowPriorityThreads.currentNiceness();

        Integer[] seen = line.run(() -> new Integer[] {
                LowPriorityThreads.currentNiceness(), Thread.currentThread() == caller ? 1 : 0});

        assertThat(seen[0]).as("nice value of the hashing thread").isEqualTo(19)
                .isGreaterThan(callerNiceness);
        assertThat(seen[1]).as("the hash runs on a thread of its own").isZero();
        assertThat(LowPriorityThreads.currentNiceness()).as("the caller keeps its priority")
                .isEqualTo(callerNiceness);
    }

    @Test
    void anIdleHashingThreadEndsAndFreesItsWorkingMemory() throws Exception {
        PasswordHashingProperties cheapest = new PasswordHashingProperties(1024, 1, 1, 1, 1, Duration.ofSeconds(30), 0,
                Duration.ofMillis(200));
        PasswordHashingLine line = PasswordHashingLine.of(cheapest);
        PasswordHasher hasher = new Argon2idPasswordHasher(cheapest, line);
        String hash = hasher.hash("correct horse battery staple");
        int heldBefore = Argon2idWorkingMemory.blocksHeld();
        int madeBefore = Argon2idWorkingMemory.blocksMade();

        assertThat(hasher.verify(hash, "correct horse battery staple")).isTrue();
        assertThat(hasher.verify(hash, "wrong horse battery staple")).isFalse();
        assertThat(Argon2idWorkingMemory.blocksMade()).as("one block, kept from one hash to the next")
                .isEqualTo(madeBefore + 1);
        assertThat(Argon2idWorkingMemory.blocksHeld()).isEqualTo(heldBefore + 1);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Argon2idWorkingMemory.blocksHeld() > heldBefore && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(Argon2idWorkingMemory.blocksHeld()).as("freed once the thread had nothing to hash")
                .isEqualTo(heldBefore);

        assertThat(hasher.verify(hash, "correct horse battery staple")).as("the next hash gets a new thread and block")
                .isTrue();
        assertThat(Argon2idWorkingMemory.blocksMade()).isEqualTo(madeBefore + 2);
    }

    private static void assumeLinux() {
        org.junit.jupiter.api.Assumptions.assumeTrue(com.sun.jna.Platform.isLinux(), "thread priorities are Linux's");
    }
}
