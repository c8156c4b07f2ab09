package dev.rotor.kernel.keys;

/** Identifier of the singleton key ring aggregate that decides which key signs access tokens. */
public final class SigningKeyRingIds {

    public static final String RING = "signing-keys";

    private SigningKeyRingIds() {
    }
}
