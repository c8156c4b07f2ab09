package dev.rotor.command.account;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads that the operating system runs at a lower priority than request handling. Password hashing
 * can run on them: a flood of logins then takes the CPU time that token validation and refresh leave
 * over, instead of a fair share against them. On Linux each thread raises its own nice value (a
 * thread may always lower its own priority, no privilege needed); elsewhere, or where the C library
 * cannot be reached, the threads run at normal priority and a line in the log says so.
 */
final class LowPriorityThreads implements ThreadFactory {

    private static final Logger log = LoggerFactory.getLogger(LowPriorityThreads.class);
    private static final int PRIO_PROCESS = 0;

    private final String prefix;
    private final int niceness;
    private final Runnable atEnd;
    private final AtomicInteger count = new AtomicInteger();

    /**
     * @param niceness Linux nice value, 0 (normal priority: the threads change nothing) to 19 (lowest)
     * @param atEnd run by each thread as its last act, however its work ended
     */
    LowPriorityThreads(String prefix, int niceness, Runnable atEnd) {
        this.prefix = prefix;
        this.niceness = niceness;
        this.atEnd = atEnd;
    }

    @Override
    public Thread newThread(Runnable work) {
        Thread thread = new Thread(() -> {
            try {
                if (niceness > 0) {
                    lowerCurrentThread(niceness);
                }
                work.run();
            } finally {
                atEnd.run();
            }
        }, prefix + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    /** Lowers the calling thread's OS priority; answers whether it could. */
    static boolean lowerCurrentThread(int niceness) {
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            CLibrary c = CLibraryHolder.INSTANCE;
            // On Linux, setpriority with a thread id changes that thread alone.
            if (c.setpriority(PRIO_PROCESS, c.gettid(), niceness) == 0) {
                return true;
            }
            log.warn("Could not lower the priority of password hashing threads (setpriority failed); they run"
                    + " at normal priority");
        } catch (LinkageError | RuntimeException unavailable) {
            log.warn("Could not lower the priority of password hashing threads ({}); they run at normal priority",
                    unavailable.toString());
        }
        return false;
    }

    /** The thread's nice value as Linux reports it, or {@code null} off Linux. For tests. */
    static Integer currentNiceness() {
        if (!Platform.isLinux()) {
            return null;
        }
        CLibrary c = CLibraryHolder.INSTANCE;
        return c.getpriority(PRIO_PROCESS, c.gettid());
    }

    private interface CLibrary extends Library {
        int setpriority(int which, int who, int priority);

        int getpriority(int which, int who);

        int gettid();
    }

    private static final class CLibraryHolder {
        static final CLibrary INSTANCE = Native.load("c", CLibrary.class);
    }
}
