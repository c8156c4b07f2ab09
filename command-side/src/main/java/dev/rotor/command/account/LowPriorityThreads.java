package dev.rotor.command.account;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads that the operating system runs only when nothing more urgent wants the core. Password
 * hashing runs on them: a flood of logins then takes the CPU time that token validation and refresh
 * leave over, instead of a fair share against them. On Linux each thread raises its own nice value
 * (a thread may always lower its own priority, no privilege needed); elsewhere, or where the C
 * library cannot be reached, the threads run at normal priority and a line in the log says so.
 */
final class LowPriorityThreads implements ThreadFactory {

    /** Linux nice value of hashing threads: 19 is the lowest priority, 0 the default. */
    static final int NICENESS = 19;

    private static final Logger log = LoggerFactory.getLogger(LowPriorityThreads.class);
    private static final int PRIO_PROCESS = 0;

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    LowPriorityThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable work) {
        Thread thread = new Thread(() -> {
            lowerCurrentThread();
            work.run();
        }, prefix + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    /** Lowers the calling thread's OS priority; answers whether it could. */
    static boolean lowerCurrentThread() {
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            CLibrary c = CLibraryHolder.INSTANCE;
            // On Linux, setpriority with a thread id changes that thread alone.
            if (c.setpriority(PRIO_PROCESS, c.gettid(), NICENESS) == 0) {
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
