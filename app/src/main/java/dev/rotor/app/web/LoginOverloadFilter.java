package dev.rotor.app.web;

import dev.rotor.command.account.PasswordHashingLine;
import dev.rotor.command.login.LoginMetrics;
import dev.rotor.kernel.common.ErrorCode;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns a password login away with {@code 503 server_busy} before anything else is spent on it when
 * the hashing line is full: no body parsing, no handler, no exception. A login that gets past this
 * filter can still be refused by the line itself, with the same answer.
 *
 * <p>The refusal is sent after a short delay ({@code rotor.password.busy-answer-delay}, 1 s by
 * default, never longer than the {@code Retry-After} it carries), during which the request holds no
 * thread (servlet async). A client that honours {@code Retry-After} waits longer than that anyway;
 * a flood that ignores it, each client sending its next login the moment it has an answer, is
 * slowed to one login per client and delay instead of as many as the server can refuse: without the
 * delay, answering thousands of refusals a second took the CPU that token validation needed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class LoginOverloadFilter extends OncePerRequestFilter {

    static final String LOGIN_PATH = "/api/v1/auth/login";

    private static final Logger log = LoggerFactory.getLogger(LoginOverloadFilter.class);

    private final PasswordHashingLine line;
    private final LoginMetrics metrics;
    private final Duration answerDelay;
    private final ScheduledExecutorService answers;

    /** On a node without the command role there is no login, and nothing to guard. */
    public LoginOverloadFilter(ObjectProvider<PasswordHashingLine> line, ObjectProvider<LoginMetrics> metrics,
                               @Value("${rotor.password.busy-answer-delay:1s}") Duration answerDelay) {
        this.line = line.getIfAvailable();
        this.metrics = metrics.getIfAvailable();
        this.answerDelay = answerDelay.isNegative() ? Duration.ZERO : answerDelay;
        this.answers = this.line == null || this.answerDelay.isZero() ? null
                : Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "rotor-busy-answers");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return line == null || !"POST".equals(request.getMethod()) || !LOGIN_PATH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!line.isFull()) {
            chain.doFilter(request, response);
            return;
        }
        if (metrics != null) {
            metrics.turnedAwayBusy();
        }
        long retryAfter = line.retryAfterSeconds();
        long delayMillis = Math.min(answerDelay.toMillis(), TimeUnit.SECONDS.toMillis(retryAfter));
        if (answers == null || delayMillis <= 0 || !request.isAsyncSupported()) {
            refuse(response, retryAfter);
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(delayMillis + TimeUnit.SECONDS.toMillis(30));
        try {
            answers.schedule(() -> answerLater(async, retryAfter), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            answerLater(async, retryAfter);
        }
    }

    private static void answerLater(AsyncContext async, long retryAfter) {
        try {
            refuse((HttpServletResponse) async.getResponse(), retryAfter);
        } catch (IOException | RuntimeException gone) {
            log.debug("Could not send a delayed server_busy answer: {}", gone.toString());
        } finally {
            try {
                async.complete();
            } catch (IllegalStateException alreadyDone) {
                // the client went away and the container ended the request first
            }
        }
    }

    private static void refuse(HttpServletResponse response, long retryAfter) throws IOException {
        Problems.write(response, ErrorCode.SERVER_BUSY, PasswordHashingLine.BUSY_DETAIL, retryAfter);
    }

    @Override
    public void destroy() {
        if (answers != null) {
            answers.shutdown();
        }
    }
}
