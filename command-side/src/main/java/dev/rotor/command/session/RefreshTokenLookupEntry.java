package dev.rotor.command.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * Which session a refresh token (by its SHA-256 hash) belongs to. Every token a session ever had
 * stays here, so a rotated-out one is still routed to its session and recognised as reuse.
 */
@Entity
@Table(name = "cmd_refresh_token_lookup", indexes = @Index(name = "ix_cmd_refresh_session", columnList = "session_id"))
public class RefreshTokenLookupEntry {

    @Id
    @Column(name = "token_hash", length = 64)
    private String tokenHash;

    @Column(name = "session_id", length = 64, nullable = false)
    private String sessionId;

    @Column(name = "user_id", length = 64, nullable = false)
    private String userId;

    protected RefreshTokenLookupEntry() {
    }

    public RefreshTokenLookupEntry(String tokenHash, String sessionId, String userId) {
        this.tokenHash = tokenHash;
        this.sessionId = sessionId;
        this.userId = userId;
    }

    public String getTokenHash() {
        return tokenHash;
    }

    public String getSessionId() {
        return sessionId;
    }

    public String getUserId() {
        return userId;
    }
}
