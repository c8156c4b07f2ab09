package dev.rotor.kernel.account;

import org.axonframework.serialization.Revision;

@Revision("1")
public record LoginSucceededEvent(String userId, String ip, String userAgent) {
}
