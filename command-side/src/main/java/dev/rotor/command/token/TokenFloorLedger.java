package dev.rotor.command.token;

import dev.rotor.kernel.token.TokenPolicyIds;
import dev.rotor.kernel.token.TokenVersionFloor;
import org.springframework.stereotype.Component;

/** The token version minimums in force now, as the command side knows them. */
@Component
public class TokenFloorLedger {

    private final TokenFloorRepository repository;

    public TokenFloorLedger(TokenFloorRepository repository) {
        this.repository = repository;
    }

    public static String userKey(String userId) {
        return "user:" + userId;
    }

    public long globalMinVersion() {
        return repository.findById(TokenPolicyIds.GLOBAL)
                .map(TokenFloorEntry::getMinVersion)
                .orElse(TokenVersionFloor.INITIAL_VERSION);
    }

    public TokenVersionFloor floorFor(String userId) {
        var global = repository.findById(TokenPolicyIds.GLOBAL).orElse(null);
        long userMin = repository.findById(userKey(userId))
                .map(TokenFloorEntry::getMinVersion)
                .orElse(TokenVersionFloor.INITIAL_VERSION);
        return new TokenVersionFloor(
                userMin,
                global == null ? TokenVersionFloor.INITIAL_VERSION : global.getMinVersion(),
                global == null ? null : global.getGraceUntil());
    }
}
