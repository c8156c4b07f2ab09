package dev.rotor.kernel.token;

import dev.rotor.kernel.common.Secrets;

/** Is this bearer token valid right now, against the read model? Answered by the query side. */
public record ValidateAccessTokenQuery(String accessToken) {

    @Override
    public String toString() {
        return "ValidateAccessTokenQuery[accessToken=" + Secrets.redact(accessToken) + "]";
    }
}
