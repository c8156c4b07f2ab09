package dev.rotor.query.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Read model of a user for admins. Eventually consistent: built by a streaming processor. */
@Entity
@Table(name = "qry_user_directory")
public class UserDirectoryEntry {

    @Id
    @Column(name = "user_id", length = 64)
    private String userId;

    @Column(name = "email", length = 320, nullable = false)
    private String email;

    @Column(name = "roles", length = 4000)
    private String roles;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    @Column(name = "failed_logins", nullable = false)
    private int failedLogins;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "password_changed_at")
    private Instant passwordChangedAt;

    @Column(name = "min_token_version", nullable = false)
    private long minTokenVersion;

    protected UserDirectoryEntry() {
    }

    public UserDirectoryEntry(String userId, String email, String roles, Instant createdAt) {
        this.userId = userId;
        this.email = email;
        this.roles = roles;
        this.createdAt = createdAt;
        this.minTokenVersion = 1;
    }

    void loggedIn(Instant at) {
        this.lastLoginAt = at;
        this.failedLogins = 0;
    }

    void failed(int consecutiveFailures) {
        this.failedLogins = consecutiveFailures;
    }

    void lockedUntil(Instant until) {
        this.lockedUntil = until;
    }

    void passwordChanged(Instant at) {
        this.passwordChangedAt = at;
    }

    void rotated(long newVersion) {
        this.minTokenVersion = Math.max(minTokenVersion, newVersion);
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

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastLoginAt() {
        return lastLoginAt;
    }

    public int getFailedLogins() {
        return failedLogins;
    }

    public Instant getLockedUntil() {
        return lockedUntil;
    }

    public Instant getPasswordChangedAt() {
        return passwordChangedAt;
    }

    public long getMinTokenVersion() {
        return minTokenVersion;
    }
}
