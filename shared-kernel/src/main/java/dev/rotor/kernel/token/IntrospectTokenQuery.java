package dev.rotor.kernel.token;

import dev.rotor.kernel.common.Secrets;

/**
 * Is this token, an access token or a refresh token, valid right now (RFC 7662)? Answered by the
 * query side with {@link TokenIntrospection}; it changes nothing, so a refresh token looked at here
 * is neither rotated nor counted as reuse.
 */
public record IntrospectTokenQuery(String token) {

    @Override
    public String toString() {
        return "IntrospectTokenQuery[token=" + Secrets.redact(token) + "]";
    }
}
