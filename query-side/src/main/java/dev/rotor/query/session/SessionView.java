package dev.rotor.query.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** Read model of one session: what validation checks and what the session lists show. */
@Entity
@Table(name = "qry_session", indexes = @Index(name = "ix_qry_session_user", columnList = "user_id"))
public class SessionView {

    @Id
    @Column(name = "session_id", length = 64)
    private String sessionId;

    @Column(name = "user_id", length = 64, nullable = false)
    private String userId;

    @Column(name = "email", length = 320)
    private String email;

    @Column(name = "roles", length = 4000)
    private String roles;

    @Column(name = "amr", length = 200)
    private String amr;

    @Column(name = "user_version", nullable = false)
    private long userVersion;

    @Column(name = "global_version", nullable = false)
    private long globalVersion;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_refreshed_at")
    private Instant lastRefreshedAt;

    @Column(name = "idle_expires_at", nullable = false)
    private Instant idleExpiresAt;

    @Column(name = "absolute_expires_at", nullable = false)
    private Instant absoluteExpiresAt;

    @Column(name = "user_agent", length = 512)
    private String userAgent;

    @Column(name = "ip", length = 64)
    private String ip;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revocation_reason", length = 64)
    private String revocationReason;

    protected SessionView() {
    }

    public SessionView(String sessionId, String userId, String email, String roles, String amr, long userVersion,
                       long globalVersion, Instant createdAt, Instant idleExpiresAt, Instant absoluteExpiresAt,
                       String userAgent, String ip) {
        this.sessionId = sessionId;
        this.userId = userId;
        this.email = email;
        this.roles = roles;
        this.amr = amr;
        this.userVersion = userVersion;
        this.globalVersion = globalVersion;
        this.createdAt = createdAt;
        this.idleExpiresAt = idleExpiresAt;
        this.absoluteExpiresAt = absoluteExpiresAt;
        this.userAgent = userAgent;
        this.ip = ip;
    }

    public void refreshed(Instant at, Instant newIdleExpiresAt) {
        this.lastRefreshedAt = at;
        this.idleExpiresAt = newIdleExpiresAt;
    }

    public void revoked(Instant at, String reason) {
        if (revokedAt == null) {
            this.revokedAt = at;
            this.revocationReason = reason;
        }
    }

    /** Active: not revoked and neither idle nor absolute expiry has passed. */
    public boolean isActiveAt(Instant now) {
        return revokedAt == null && now.isBefore(idleExpiresAt) && now.isBefore(absoluteExpiresAt);
    }

    public String getSessionId() {
        return sessionId;
    }

    public String getUserId() {
        return userId;
    }

    public String getEmail() {
        return email;
    }

    public String getRoles() {
        return roles;
    }

    public String getAmr() {
        return amr;
    }

    public long getUserVersion() {
        return userVersion;
    }

    public long getGlobalVersion() {
        return globalVersion;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastRefreshedAt() {
        return lastRefreshedAt;
    }

    public Instant getIdleExpiresAt() {
        return idleExpiresAt;
    }

    public Instant getAbsoluteExpiresAt() {
        return absoluteExpiresAt;
    }

    public String getUserAgent() {
        return userAgent;
    }

    public String getIp() {
        return ip;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public String getRevocationReason() {
        return revocationReason;
    }
}
