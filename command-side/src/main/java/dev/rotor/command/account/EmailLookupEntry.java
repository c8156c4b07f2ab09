package dev.rotor.command.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Command-side set for email uniqueness, written in the transaction that appends the registration. */
@Entity
@Table(name = "cmd_email_lookup")
public class EmailLookupEntry {

    @Id
    @Column(length = 320)
    private String email;

    @Column(name = "user_id", length = 64, nullable = false)
    private String userId;

    protected EmailLookupEntry() {
    }

    public EmailLookupEntry(String email, String userId) {
        this.email = email;
        this.userId = userId;
    }

    public String getEmail() {
        return email;
    }

    public String getUserId() {
        return userId;
    }
}
