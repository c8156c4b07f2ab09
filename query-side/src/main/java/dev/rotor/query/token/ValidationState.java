package dev.rotor.query.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rotor.query.session.SessionView;
import dev.rotor.query.session.SessionViewRepository;
import dev.rotor.kernel.token.TokenPolicyIds;
import dev.rotor.kernel.token.TokenVersionFloor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The part of the read model that token validation needs, answered from memory where allowed.
 *
 * <p>With {@code local-cache} on (one Rotor process owns the database, as with the embedded H2
 * file), this process applies every event through its own subscribing projection, so its memory
 * cannot miss a change: the projection evicts an entry when it changes the row, and again after
 * the transaction commits, before the command's caller gets its answer. With several nodes on a
 * shared database another node's revocation never reaches this memory, so there the cache must be
 * off and every validation reads the rows.
 */
public class ValidationState {

    /** An immutable copy of what validation needs of a session row. */
    public record SessionSnapshot(String sessionId, String userId, long userVersion, long globalVersion,
                                  Instant idleExpiresAt, Instant absoluteExpiresAt, boolean revoked) {

        boolean activeAt(Instant now) {
            return !revoked && now.isBefore(idleExpiresAt) && now.isBefore(absoluteExpiresAt);
        }

        static SessionSnapshot of(SessionView view) {
            return new SessionSnapshot(view.getSessionId(), view.getUserId(), view.getUserVersion(),
                    view.getGlobalVersion(), view.getIdleExpiresAt(), view.getAbsoluteExpiresAt(),
                    view.getRevokedAt() != null);
        }
    }

    private record Floor(long minVersion, Instant graceUntil) {
        static final Floor INITIAL = new Floor(TokenVersionFloor.INITIAL_VERSION, null);
    }

    private final SessionViewRepository sessions;
    private final TokenFloorViewRepository floors;
    private final Cache<String, SessionSnapshot> sessionCache;
    private final Cache<String, Floor> floorCache;

    public ValidationState(SessionViewRepository sessions, TokenFloorViewRepository floors, boolean localCache,
                           long maximumSessions) {
        this.sessions = sessions;
        this.floors = floors;
        this.sessionCache = localCache ? Caffeine.newBuilder().maximumSize(maximumSessions).build() : null;
        this.floorCache = localCache ? Caffeine.newBuilder().maximumSize(maximumSessions).build() : null;
    }

    public Optional<SessionSnapshot> session(String sessionId) {
        if (sessionCache == null) {
            return sessions.findById(sessionId).map(SessionSnapshot::of);
        }
        // The row is read inside the cache's per-key computation, never read-then-put: an
        // eviction of this key waits for a load in flight, so the eviction after a revoking
        // commit can never be overtaken by a load that read the row before that commit.
        return Optional.ofNullable(sessionCache.get(sessionId,
                id -> sessions.findById(id).map(SessionSnapshot::of).orElse(null)));
    }

    public TokenVersionFloor floorFor(String userId) {
        Floor user = floor(TokenFloorKeys.user(userId));
        Floor global = floor(TokenPolicyIds.GLOBAL);
        return new TokenVersionFloor(user.minVersion(), global.minVersion(), global.graceUntil());
    }

    private Floor floor(String key) {
        if (floorCache == null) {
            return loadFloor(key);
        }
        return floorCache.get(key, this::loadFloor);
    }

    private Floor loadFloor(String key) {
        return floors.findById(key).map(f -> new Floor(f.getMinVersion(), f.getGraceUntil())).orElse(Floor.INITIAL);
    }

    /** Called by the projection whenever it changes a session row. */
    public void sessionChanged(String sessionId) {
        if (sessionCache != null) {
            sessionCache.invalidate(sessionId);
            CurrentUnitOfWork.ifStarted(uow -> uow.afterCommit(u -> sessionCache.invalidate(sessionId)));
        }
    }

    /** Called by the projection whenever it changes a floor row. */
    public void floorChanged(String key) {
        if (floorCache != null) {
            floorCache.invalidate(key);
            CurrentUnitOfWork.ifStarted(uow -> uow.afterCommit(u -> floorCache.invalidate(key)));
        }
    }

    /** Forget everything (read model reset or rebuild). */
    public void clear() {
        if (sessionCache != null) {
            sessionCache.invalidateAll();
            floorCache.invalidateAll();
        }
    }

    public List<String> describe() {
        return List.of("local-cache=" + (sessionCache != null));
    }
}
