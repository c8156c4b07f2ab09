package dev.rotor.command.account;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import de.mkammerer.argon2.jna.Argon2Library;
import de.mkammerer.argon2.jna.Argon2_context;
import de.mkammerer.argon2.jna.Argon2_version;
import de.mkammerer.argon2.jna.JnaUint32;
import de.mkammerer.argon2.jna.Size_t;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies Argon2id hashes in working memory that each thread keeps from one verification to the
 * next, through the reference implementation's context interface.
 *
 * <p>The library's plain {@code argon2id_verify} takes its {@code m} KiB (19 MiB by default) from
 * {@code malloc} and frees it after every hash. Inside the server, glibc handed that block back to
 * the kernel each time, so every verification faulted its pages in again and the kernel zeroed
 * them: about 1,900 page faults and 4 ms of system CPU per login on the hashing threads, a sixth of
 * a login's CPU, and none of it spent hashing. Here libargon2 asks this class for the block instead
 * (its {@code allocate_cbk}), and each hashing thread gets the same block again, until the thread
 * ends after a spell with nothing to hash ({@link PasswordHashingLine}) and frees it. libargon2 wipes
 * the block before it gives it back (its {@code clear_internal_memory}); the password's bytes are
 * wiped here after use.
 *
 * <p>Only what the library itself writes is parsed ({@code $argon2id$v=19$m=..,t=..,p=..$salt$hash});
 * for anything else {@link #verify} answers {@code null} and the caller verifies through the library.
 */
final class Argon2idWorkingMemory {

    private static final Pattern ENCODED = Pattern.compile(
            "\\$argon2id\\$v=(\\d{1,3})\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final int ARGON2_OK = 0;
    private static final int ARGON2_MEMORY_ALLOCATION_ERROR = -22;
    private static final int ARGON2_VERIFY_MISMATCH = -35;

    /** libargon2's {@code allocate_fptr}: {@code int (*)(uint8_t **memory, size_t bytes)}. */
    interface Allocate extends Callback {
        int invoke(Pointer memory, Size_t bytes);
    }

    /** libargon2's {@code deallocate_fptr}: the block stays with its thread. */
    interface Release extends Callback {
        void invoke(Pointer memory, Size_t bytes);
    }

    private static final ThreadLocal<Memory> BLOCK = new ThreadLocal<>();
    private static final AtomicInteger BLOCKS_MADE = new AtomicInteger();
    private static final AtomicInteger BLOCKS_FREED = new AtomicInteger();
    // Held for as long as the class is loaded: native code calls them through these pointers.
    private static final Allocate ALLOCATE = (memory, bytes) -> allocate(memory, bytes.longValue());
    private static final Release RELEASE = (memory, bytes) -> {
    };
    private static final Pointer ALLOCATE_POINTER = CallbackReference.getFunctionPointer(ALLOCATE);
    private static final Pointer RELEASE_POINTER = CallbackReference.getFunctionPointer(RELEASE);

    private Argon2idWorkingMemory() {
    }

    /**
     * Whether {@code password} (UTF-8) matches {@code encoded}, compared in constant time by
     * libargon2; {@code null} when {@code encoded} is not in the form the library writes, or libargon2
     * reported an error rather than an answer.
     */
    static Boolean verify(String encoded, char[] password) {
        Matcher parts = ENCODED.matcher(encoded);
        if (!parts.matches()) {
            return null;
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = Base64.getDecoder().decode(parts.group(5));
            expected = Base64.getDecoder().decode(parts.group(6));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        byte[] secret = utf8(password);
        try (Memory pwd = new Memory(Math.max(1, secret.length));
             Memory saltMemory = new Memory(salt.length);
             Memory out = new Memory(expected.length)) {
            pwd.write(0, secret, 0, secret.length);
            saltMemory.write(0, salt, 0, salt.length);
            Argon2_context.ByReference context = new Argon2_context.ByReference();
            context.out = out;
            context.outlen = new JnaUint32(expected.length);
            context.pwd = pwd;
            context.pwdlen = new JnaUint32(secret.length);
            context.salt = saltMemory;
            context.saltlen = new JnaUint32(salt.length);
            context.secretlen = new JnaUint32(0);
            context.adlen = new JnaUint32(0);
            context.t_cost = new JnaUint32(Integer.parseInt(parts.group(3)));
            context.m_cost = new JnaUint32(Integer.parseInt(parts.group(2)));
            int lanes = Integer.parseInt(parts.group(4));
            context.lanes = new JnaUint32(lanes);
            context.threads = new JnaUint32(lanes);
            context.version = new Argon2_version(Integer.parseInt(parts.group(1)));
            context.allocate_cbk = ALLOCATE_POINTER;
            context.free_cbk = RELEASE_POINTER;
            context.flags = new JnaUint32(0);
            try {
                int result = Argon2Library.INSTANCE.argon2id_verify_ctx(context, expected);
                return result == ARGON2_OK ? Boolean.TRUE : result == ARGON2_VERIFY_MISMATCH ? Boolean.FALSE : null;
            } finally {
                pwd.clear();
            }
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * Points {@code memory} at this thread's block of at least {@code size} bytes. libargon2 ignores
     * the answer and checks the pointer, so a block that cannot be had is refused with null; nothing
     * may be thrown back into native code.
     */
    static int allocate(Pointer memory, long size) {
        try {
            Memory block = BLOCK.get();
            if (block == null || block.size() < size) {
                freeThreadBlock();
                block = new Memory(size);
                BLOCK.set(block);
                BLOCKS_MADE.incrementAndGet();
            }
            memory.setPointer(0, block);
            return ARGON2_OK;
        } catch (Throwable notAllocated) {
            memory.setPointer(0, null);
            return ARGON2_MEMORY_ALLOCATION_ERROR;
        }
    }

    /**
     * Frees the calling thread's block, if it has one: for a hashing thread that is about to end.
     * A later verification on the same thread makes a new one.
     */
    static void freeThreadBlock() {
        Memory block = BLOCK.get();
        BLOCK.remove();
        if (block != null) {
            block.close();
            BLOCKS_FREED.incrementAndGet();
        }
    }

    /** Working-memory blocks made so far, in all threads (a thread makes one, and again only for a larger cost). */
    static int blocksMade() {
        return BLOCKS_MADE.get();
    }

    /** Working-memory blocks that threads hold right now. */
    static int blocksHeld() {
        return BLOCKS_MADE.get() - BLOCKS_FREED.get();
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }
}
