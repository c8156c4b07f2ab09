package dev.rotor.command.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Verification in a thread's kept working memory answers as the library does. */
class Argon2idWorkingMemoryTest {

    private final Argon2 library = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);

    private String libraryHash(int iterations, int memoryKib, int parallelism, String password) {
        return library.hash(iterations, memoryKib, parallelism, password.toCharArray(), StandardCharsets.UTF_8);
    }

    @Test
    void theReferenceImplementationsTestVectorMatchesItsPasswordOnly() {
        // P-H-C/phc-winner-argon2, src/test.c: Argon2id, version 0x13, t=2, m=2^16, p=1, "password", "somesalt".
        String vector = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertThat(Argon2idWorkingMemory.verify(vector, "password".toCharArray())).isTrue();
        assertThat(Argon2idWorkingMemory.verify(vector, "passwore".toCharArray())).isFalse();
    }

    @Test
    void hashesTheLibraryMadeAreVerifiedAsTheLibraryVerifiesThem() {
        String[] passwords = {"correct horse battery staple", "pässwörd ✓ 密码", " ", "a"};
        for (String password : passwords) {
            String hash = libraryHash(2, 1024, 1, password);
            assertThat(Argon2idWorkingMemory.verify(hash, password.toCharArray())).as(password).isTrue();
            assertThat(Argon2idWorkingMemory.verify(hash, (password + "x").toCharArray())).as(password).isFalse();
            assertThat(library.verify(hash, password.toCharArray(), StandardCharsets.UTF_8)).isTrue();
        }
        String twoLanes = libraryHash(1, 2048, 2, "two lanes");
        assertThat(Argon2idWorkingMemory.verify(twoLanes, "two lanes".toCharArray())).isTrue();
        assertThat(Argon2idWorkingMemory.verify(twoLanes, "two lane".toCharArray())).isFalse();
    }

    @Test
    void aThreadMakesItsWorkingMemoryOnceAndKeepsIt() throws Exception {
        String hash = libraryHash(1, 4096, 1, "kept");
        AtomicReference<Integer> made = new AtomicReference<>();
        AtomicReference<Boolean> allMatched = new AtomicReference<>(true);
        Thread hashing = new Thread(() -> {
            int before = Argon2idWorkingMemory.blocksMade();
            for (int i = 0; i < 5; i++) {
                allMatched.set(allMatched.get() && Boolean.TRUE.equals(Argon2idWorkingMemory.verify(hash, "kept".toCharArray())));
            }
            made.set(Argon2idWorkingMemory.blocksMade() - before);
        });
        hashing.start();
        hashing.join();
        assertThat(allMatched.get()).isTrue();
        assertThat(made.get()).isEqualTo(1);
    }

    @Test
    void aBlockThatCannotBeHadIsRefusedWithNullNotAnException() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try (Memory out = new Memory(Native.POINTER_SIZE)) {
                out.setPointer(0, new Pointer(1));
                int refused = Argon2idWorkingMemory.allocate(out, 0); // JNA allocates no empty block
                Pointer none = out.getPointer(0);
                int granted = Argon2idWorkingMemory.allocate(out, 1024);
                Pointer first = out.getPointer(0);
                Argon2idWorkingMemory.allocate(out, 512);
                seen.set(refused + " " + none + " " + granted + " " + (first != null && first.equals(out.getPointer(0))));
            }
        });
        thread.start();
        thread.join();
        assertThat(seen.get()).isEqualTo("-22 null 0 true");
    }

    @Test
    void formsTheLibraryDoesNotWriteAreLeftToTheLibrary() {
        char[] password = "password".toCharArray();
        assertThat(Argon2idWorkingMemory.verify("$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA", password)).isNull();
        assertThat(Argon2idWorkingMemory.verify("$argon2id$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", password)).isNull();
        assertThat(Argon2idWorkingMemory.verify("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ", password)).isNull();
        assertThat(Argon2idWorkingMemory.verify("not a hash", password)).isNull();
        assertThat(Argon2idWorkingMemory.verify("", password)).isNull();
        // Parses, but libargon2 refuses the parameters (a salt under 8 bytes): an error, not an answer.
        assertThat(Argon2idWorkingMemory.verify("$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", password)).isNull();
    }

    @Test
    void theHasherVerifiesThroughItAndStillRefusesWhatIsNotAHash() {
        Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(new PasswordHashingProperties(1024, 1, 1, 1, 1, java.time.Duration.ofSeconds(30), 0, java.time.Duration.ofSeconds(30)));
        String stored = hasher.hash("correct horse battery staple");
        assertThat(hasher.verify(stored, "correct horse battery staple")).isTrue();
        assertThat(hasher.verify(stored, "correct horse battery stapler")).isFalse();
        assertThat(hasher.verify("$argon2id$broken", "anything")).isFalse();
        assertThat(hasher.verify(null, "anything")).isFalse();
    }
}
