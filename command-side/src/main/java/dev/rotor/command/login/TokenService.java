package dev.rotor.command.login;

import dev.rotor.command.account.ClientInfo;
import dev.rotor.command.account.Credentials;
import dev.rotor.command.account.EmailRegistry;
import dev.rotor.command.account.PasswordHasher;
import dev.rotor.command.session.AccessTokenIssuer;
import dev.rotor.command.session.AccessTokenIssuer.IssuedAccessToken;
import dev.rotor.command.session.RefreshTokenCodec;
import dev.rotor.command.session.RefreshTokenLookup;
import dev.rotor.command.session.SessionPolicy;
import dev.rotor.command.token.TokenFloorLedger;
import dev.rotor.kernel.account.AuthenticateUserCommand;
import dev.rotor.kernel.account.AuthenticationResult;
import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import dev.rotor.kernel.session.IssueSessionCommand;
import dev.rotor.kernel.session.RefreshResult;
import dev.rotor.kernel.session.RefreshSessionCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

/**
 * The token use cases: password login, opening a session, refresh. Aggregates decide; this class
 * looks up which aggregate to ask, and turns a decision into tokens.
 */
@Service
public class TokenService {

    public static final List<String> AMR_PASSWORD = List.of("pwd");

    private final CommandGateway commands;
    private final EmailRegistry emails;
    private final PasswordHasher hasher;
    private final RefreshTokenLookup refreshTokens;
    private final TokenFloorLedger floors;
    private final RefreshTokenCodec codec;
    private final AccessTokenIssuer issuer;
    private final SessionPolicy sessionPolicy;
    private final UnknownEmailLockout unknownEmails;

    public TokenService(CommandGateway commands, EmailRegistry emails, PasswordHasher hasher,
                        RefreshTokenLookup refreshTokens, TokenFloorLedger floors, RefreshTokenCodec codec,
                        AccessTokenIssuer issuer, SessionPolicy sessionPolicy, UnknownEmailLockout unknownEmails) {
        this.commands = commands;
        this.emails = emails;
        this.hasher = hasher;
        this.refreshTokens = refreshTokens;
        this.floors = floors;
        this.codec = codec;
        this.issuer = issuer;
        this.sessionPolicy = sessionPolicy;
        this.unknownEmails = unknownEmails;
    }

    /** Checks email and password; unknown emails pay the same hashing cost as wrong passwords. */
    public AuthenticationResult authenticate(String email, String password, ClientInfo client) {
        String normalized = Credentials.normalizeEmail(email);
        Optional<String> userId = emails.userIdFor(normalized);
        if (userId.isEmpty()) {
            long retryAfter = unknownEmails.retryAfterSeconds(normalized);
            if (retryAfter > 0) {
                throw tooManyAttempts(retryAfter);
            }
            hasher.verifyAgainstDummy(password);
            unknownEmails.recordFailure(normalized);
            throw invalidCredentials();
        }
        AuthenticationResult result = commands.sendAndWait(
                new AuthenticateUserCommand(userId.get(), password, client.ip(), client.userAgent()));
        return switch (result.outcome()) {
            case SUCCEEDED -> result;
            case FAILED -> throw invalidCredentials();
            case LOCKED_OUT -> throw tooManyAttempts(result.retryAfterSeconds());
        };
    }

    public TokenResponse login(String email, String password, ClientInfo client) {
        AuthenticationResult user = authenticate(email, password, client);
        return openSession(user.userId(), user.email(), user.roles(), AMR_PASSWORD, user.userVersion(), client);
    }

    /** Issues a new session for an already authenticated user, stamped with the versions in force now. */
    public TokenResponse openSession(String userId, String email, List<String> roles, List<String> amr,
                                     long userVersion, ClientInfo client) {
        String sessionId = UUID.randomUUID().toString();
        String refreshToken = codec.generate();
        long globalVersion = floors.globalMinVersion();
        Instant now = Instant.now();
        commands.sendAndWait(new IssueSessionCommand(sessionId, userId, email, roles, amr, userVersion, globalVersion,
                codec.hash(refreshToken), client.userAgent(), client.ip()));
        Duration refreshLifetime = min(sessionPolicy.idleTimeout(), sessionPolicy.absoluteLifetime());
        return tokens(issuer.issue(userId, email, roles, sessionId, amr, userVersion), refreshToken,
                now.plus(refreshLifetime), refreshLifetime.toSeconds(), sessionId);
    }

    public TokenResponse refresh(String refreshToken, ClientInfo client) {
        if (!RefreshTokenCodec.isWellFormed(refreshToken)) {
            throw invalidGrant();
        }
        String presentedHash = codec.hash(refreshToken);
        RefreshTokenLookup.Owner owner = refreshTokens.ownerOf(presentedHash).orElseThrow(TokenService::invalidGrant);
        String successor = codec.successorOf(refreshToken);
        RefreshResult result = commands.sendAndWait(new RefreshSessionCommand(owner.sessionId(), presentedHash,
                codec.hash(successor), floors.floorFor(owner.userId()), client.ip(), client.userAgent()));
        if (result == null || !result.succeeded()) {
            throw invalidGrant();
        }
        IssuedAccessToken access = issuer.issue(result.userId(), result.email(), result.roles(), result.sessionId(),
                result.amr(), result.userVersion());
        long refreshExpiresIn = Math.max(0, Duration.between(Instant.now(), result.idleExpiresAt()).toSeconds());
        return tokens(access, successor, result.idleExpiresAt(), refreshExpiresIn, result.sessionId());
    }

    private static TokenResponse tokens(IssuedAccessToken access, String refreshToken, Instant refreshExpiresAt,
                                        long refreshExpiresIn, String sessionId) {
        return new TokenResponse(access.token(), "Bearer", access.expiresInSeconds(), access.expiresAt(), refreshToken,
                refreshExpiresIn, refreshExpiresAt, sessionId);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static RotorException invalidCredentials() {
        return new RotorException(ErrorCode.INVALID_CREDENTIALS, "email or password is incorrect");
    }

    private static RotorException tooManyAttempts(long retryAfterSeconds) {
        return new RotorException(ErrorCode.TOO_MANY_ATTEMPTS, "too many failed attempts; try again later",
                retryAfterSeconds);
    }

    private static RotorException invalidGrant() {
        return new RotorException(ErrorCode.INVALID_GRANT, "refresh token is invalid, expired or revoked");
    }
}
