package dev.rotor.command.account;

/**
 * Encrypts secrets that must be kept and used again (TOTP secrets) before they are stored in an
 * event or a row: the event store is forever, so a secret goes in only sealed. Implemented by the
 * server with AES-256-GCM under the master key ({@code ROTOR_MASTER_KEY_FILE}).
 */
public interface SecretCipher {

    /** The sealed form of {@code clear}: printable text, different on every call. */
    String seal(String clear);

    /** The clear text of a value {@link #seal} produced; fails on anything it did not produce. */
    String open(String sealed);
}
