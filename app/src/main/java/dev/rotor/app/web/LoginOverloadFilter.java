package dev.rotor.app.web;

import dev.rotor.command.account.PasswordHashingLine;
import dev.rotor.command.login.LoginMetrics;
import dev.rotor.kernel.common.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns a password login away with {@code 503 server_busy} before anything else is spent on it when
 * the hashing line is full: no body parsing, no handler, no exception. A flood of logins that
 * ignores {@code Retry-After} then costs little more per refusal than reading the request, and
 * leaves the cores to token validation and refresh. A login that gets past this filter can still
 * be refused by the line itself, with the same answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class LoginOverloadFilter extends OncePerRequestFilter {

    static final String LOGIN_PATH = "/api/v1/auth/login";

    private final PasswordHashingLine line;
    private final LoginMetrics metrics;

    /** On a node without the command role there is no login, and nothing to guard. */
    public LoginOverloadFilter(ObjectProvider<PasswordHashingLine> line, ObjectProvider<LoginMetrics> metrics) {
        this.line = line.getIfAvailable();
        this.metrics = metrics.getIfAvailable();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return line == null || !"POST".equals(request.getMethod()) || !LOGIN_PATH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (line.isFull()) {
            if (metrics != null) {
                metrics.turnedAwayBusy();
            }
            Problems.write(response, ErrorCode.SERVER_BUSY, PasswordHashingLine.BUSY_DETAIL, line.retryAfterSeconds());
            return;
        }
        chain.doFilter(request, response);
    }
}
