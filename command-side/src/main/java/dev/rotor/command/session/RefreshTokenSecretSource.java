package dev.rotor.command.session;

/** The server secret refresh-token successors are derived under. Implemented by the app's key store. */
public interface RefreshTokenSecretSource {

    byte[] refreshTokenDerivationSecret();
}
