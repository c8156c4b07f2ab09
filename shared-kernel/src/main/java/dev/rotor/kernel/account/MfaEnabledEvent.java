package dev.rotor.kernel.account;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * MFA is on: the confirmed TOTP secret (sealed) and the SHA-256 hashes of the recovery codes, each
 * of which works once.
 */
@Revision("1")
public record MfaEnabledEvent(String userId, String sealedSecret, List<String> recoveryCodeHashes) {

    @Override
    public String toString() {
        return "MfaEnabledEvent[userId=" + userId + ", recoveryCodes=" + recoveryCodeHashes.size() + "]";
    }
}
