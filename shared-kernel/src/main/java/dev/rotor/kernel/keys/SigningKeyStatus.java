package dev.rotor.kernel.keys;

import java.time.Instant;

/**
 * Where a signing key is in its life, as API.md names it: {@code active} signs new tokens;
 * {@code retiring} signs nothing new and is still published, because tokens it signed may still be
 * valid; {@code retired} is gone from the key set. A retiring key is retired as soon as its
 * {@code retires_at} has passed, whether or not the event saying so has been appended yet.
 */
public enum SigningKeyStatus {
    ACTIVE("active"),
    RETIRING("retiring"),
    RETIRED("retired");

    private final String code;

    SigningKeyStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static SigningKeyStatus fromCode(String code) {
        for (SigningKeyStatus status : values()) {
            if (status.code.equals(code)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown signing key status " + code);
    }

    /** The status at {@code now} of a key stored as {@code this} with {@code retiresAt}. */
    public SigningKeyStatus at(Instant now, Instant retiresAt) {
        return this == RETIRING && retiresAt != null && !now.isBefore(retiresAt) ? RETIRED : this;
    }
}
