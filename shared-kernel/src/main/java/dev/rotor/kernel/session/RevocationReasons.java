package dev.rotor.kernel.session;

/** The {@code reason} values of {@link SessionRevokedEvent} that Rotor writes itself. */
public final class RevocationReasons {

    public static final String LOGOUT = "logout";
    public static final String USER_REVOKED = "user_revoked";
    public static final String ADMIN_REVOKED = "admin_revoked";
    public static final String REFRESH_TOKEN_REUSE = "refresh_token_reuse";
    /** A client revoked one of the session's tokens at the revocation endpoint (RFC 7009). */
    public static final String TOKEN_REVOKED = "token_revoked";

    private RevocationReasons() {
    }
}
