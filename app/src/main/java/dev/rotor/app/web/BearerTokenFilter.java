package dev.rotor.app.web;

import dev.rotor.kernel.account.Roles;
import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.token.TokenValidationResponse;
import dev.rotor.kernel.token.TokenValidationResponse.AuthenticatedCaller;
import dev.rotor.kernel.token.ValidateAccessTokenQuery;
import dev.rotor.query.validation.TokenValidationQueryHandler;
import dev.rotor.query.web.IntrospectionController;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates protected endpoints. The token is checked by the query side's handler of
 * {@link ValidateAccessTokenQuery}, called directly rather than through the query bus: this runs on
 * every API call, the handler is in every node's context (the command role brings the query side's
 * read models along), and the bus's unit of work, tracing span and interceptor chain cost more than
 * the check itself. The caller is put on the request for the controllers of both sides; admin paths
 * also need role {@code admin}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class BearerTokenFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(BearerTokenFilter.class);
    private static final String BEARER = "bearer ";
    /** RFC 7662 answers 401 to a caller that may not introspect, whatever its token (API.md). */
    private static final String INTROSPECT = IntrospectionController.PATH;

    private final TokenValidationQueryHandler validator;
    private final TokenVersionRefusals refusals;
    private final TokenValidationMetrics metrics;

    BearerTokenFilter(TokenValidationQueryHandler validator, TokenVersionRefusals refusals,
                      TokenValidationMetrics metrics) {
        this.validator = validator;
        this.refusals = refusals;
        this.metrics = metrics;
    }

    static boolean isProtected(String path) {
        return path.equals("/api/v1/me") || path.startsWith("/api/v1/me/") || path.startsWith("/api/v1/admin/")
                || path.equals("/api/v1/admin") || path.equals("/api/v1/auth/logout") || path.equals(INTROSPECT);
    }

    static boolean isAdmin(String path) {
        return path.equals("/api/v1/admin") || path.startsWith("/api/v1/admin/");
    }

    /**
     * The path as the dispatcher routes it: decoded, normalised, without {@code ;parameters}. The
     * raw request URI would let {@code /api/v1/admin;x/...} or {@code /api/v1/%61dmin/...} slip past
     * a prefix check while still reaching the admin controllers.
     */
    static String routedPath(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return pathInfo == null ? servletPath : servletPath + pathInfo;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isProtected(routedPath(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            metrics.missing();
            Problems.write(response, ErrorCode.INVALID_TOKEN, "a bearer access token is required");
            return;
        }
        String token = header.substring(BEARER.length()).strip();
        TokenValidationResponse validation;
        try {
            validation = validator.handle(new ValidateAccessTokenQuery(token));
        } catch (RuntimeException e) {
            log.error("Token validation failed to run", e);
            metrics.unavailable();
            Problems.write(response, ErrorCode.SERVICE_UNAVAILABLE, "token validation is unavailable");
            return;
        }
        metrics.checked(validation);
        if (validation != null && validation.versionRefusal() != null) {
            refusals.report(validation.versionRefusal().sessionId(), validation.versionRefusal().floor());
        }
        if (validation == null || !validation.valid()) {
            log.debug("Rejected access token: {}", validation == null ? "no answer" : validation.failure());
            Problems.write(response, ErrorCode.INVALID_TOKEN, "the access token is missing, invalid, expired or revoked");
            return;
        }
        AuthenticatedCaller caller = validation.caller();
        if (isAdmin(routedPath(request)) && !caller.hasRole(Roles.ADMIN)) {
            Problems.write(response, ErrorCode.FORBIDDEN, "this endpoint needs role admin");
            return;
        }
        if (INTROSPECT.equals(routedPath(request)) && !caller.hasRole(Roles.ADMIN)
                && !caller.hasRole(Roles.INTROSPECTOR)) {
            Problems.write(response, ErrorCode.INVALID_TOKEN, "introspection needs a caller with role admin or introspector");
            return;
        }
        request.setAttribute(AuthenticatedCaller.REQUEST_ATTRIBUTE, caller);
        chain.doFilter(request, response);
    }
}
