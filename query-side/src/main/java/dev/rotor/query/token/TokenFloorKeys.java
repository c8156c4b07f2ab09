package dev.rotor.query.token;

import dev.rotor.kernel.token.RotationScope;
import dev.rotor.kernel.token.TokenPolicyIds;
import dev.rotor.kernel.token.TokenRotatedEvent;

final class TokenFloorKeys {

    private TokenFloorKeys() {
    }

    static String user(String userId) {
        return "user:" + userId;
    }

    static String of(TokenRotatedEvent event) {
        return event.scope() == RotationScope.GLOBAL ? TokenPolicyIds.GLOBAL : user(event.aggregateId());
    }
}
