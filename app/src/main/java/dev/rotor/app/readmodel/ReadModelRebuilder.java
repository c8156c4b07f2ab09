package dev.rotor.app.readmodel;

import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import dev.rotor.kernel.readmodel.Generation;
import dev.rotor.kernel.readmodel.RebuildableReadModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds read models from the event store while the live ones keep serving.
 *
 * <p>A rebuild claims the read model, writes generation {@code active + 1} by feeding every stored
 * event, in order, to a projection bound to that generation (in batches, each its own
 * transaction), and once it has reached the head, switches: with appends paused
 * ({@link AppendFence}) it applies the last events and makes the new generation the active one in
 * the same transaction. Until that commit every read and every live write uses the old generation,
 * which the live projection keeps complete; from it on, the new one, which is complete too. So a
 * token check never sees a half-built generation, on any node, and a logout during the rebuild is
 * in the old generation at once and in the new one by the switch. Then the old rows are dropped.
 */
public class ReadModelRebuilder {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuilder.class);

    private final Map<String, RebuildableReadModel> models = new LinkedHashMap<>();
    private final ReadModelStates states;
    private final EventStorageEngine events;
    private final AppendFence fence;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ExecutorService executor;
    private final Clock clock;
    private final ReadModelProperties properties;
    private final String owner;

    ReadModelRebuilder(List<RebuildableReadModel> models, ReadModelStates states, EventStorageEngine events,
                       AppendFence fence, JdbcTemplate jdbc, TransactionTemplate transactions,
                       ExecutorService executor, Clock clock, ReadModelProperties properties, String owner) {
        models.forEach(model -> this.models.put(model.name(), model));
        this.states = states;
        this.events = events;
        this.fence = fence;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.executor = executor;
        this.clock = clock;
        this.properties = properties;
        this.owner = owner;
    }

    public List<String> names() {
        return List.copyOf(models.keySet());
    }

    /**
     * Creates missing state rows, and builds every read model that has never been built (a new
     * database, or a read model added by an upgrade) before the server serves. The tables are the
     * schema migrations' (db/migration), applied by Flyway before this runs.
     */
    void prepare() {
        for (RebuildableReadModel model : models.values()) {
            states.insertIfAbsent(model.name());
        }
        for (RebuildableReadModel model : models.values()) {
            ReadModelState state = states.find(model.name()).orElseThrow();
            if (state.activeGeneration() == 0) {
                log.info("Read model {} has never been built: building it from the event store", model.name());
                awaitBuilt(model);
            }
        }
    }

    private void awaitBuilt(RebuildableReadModel model) {
        Instant deadline = clock.instant().plus(properties.ownerTimeout().multipliedBy(10));
        while (states.find(model.name()).orElseThrow().activeGeneration() == 0) {
            Optional<Long> target = claim(model.name());
            if (target.isPresent()) {
                build(model, target.get());
                ReadModelState state = states.find(model.name()).orElseThrow();
                if (state.activeGeneration() == 0) {
                    // Never built and this build failed: nothing could serve it, so the start stops
                    // here, once, rather than trying again (and logging again) without end.
                    throw new IllegalStateException("read model " + model.name() + " could not be built: "
                            + state.lastError());
                }
            } else if (clock.instant().isAfter(deadline)) {
                throw new IllegalStateException("read model " + model.name() + " is being built elsewhere for too long");
            } else {
                sleep(Duration.ofMillis(200));
            }
        }
    }

    /** Starts a rebuild in the background; 404 for an unknown name, 409 while one runs. */
    public void start(String name) {
        RebuildableReadModel model = model(name);
        long target = claim(name).orElseThrow(() -> new RotorException(ErrorCode.REBUILD_IN_PROGRESS,
                "a rebuild of " + name + " is already running"));
        executor.execute(() -> build(model, target));
    }

    /** Rebuilds now, in the calling thread (the operator's command line). */
    public void rebuildNow(String name) {
        RebuildableReadModel model = model(name);
        long target = claim(name).orElseThrow(() -> new RotorException(ErrorCode.REBUILD_IN_PROGRESS,
                "a rebuild of " + name + " is already running"));
        build(model, target);
        ReadModelState state = states.find(name).orElseThrow();
        if (!ReadModelState.LIVE.equals(state.status())) {
            throw new IllegalStateException("rebuild of " + name + " failed: " + state.lastError());
        }
    }

    /** Every read model with its state, the event store's head and the lag behind it. */
    public List<ReadModelStatus> status() {
        long head = head();
        Map<String, ReadModelState> byName = new LinkedHashMap<>();
        states.all().forEach(state -> byName.put(state.name(), state));
        return models.keySet().stream().map(name -> {
            ReadModelState state = byName.get(name);
            if (state == null) {
                return new ReadModelStatus(name, "unknown", false, 0, head, head, 0, null, null, null, null);
            }
            // A live read model is subscribing: written with each append, always at the head.
            long position = state.rebuilding() ? state.position() : head;
            return new ReadModelStatus(name, state.status(), state.rebuilding(), position, head,
                    Math.max(0, head - position), state.activeGeneration(), state.buildingGeneration(),
                    state.startedAt(), state.finishedAt(), state.lastError());
        }).toList();
    }

    private RebuildableReadModel model(String name) {
        RebuildableReadModel model = models.get(name);
        if (model == null) {
            throw new RotorException(ErrorCode.NOT_FOUND, "no such read model");
        }
        return model;
    }

    private Optional<Long> claim(String name) {
        Instant now = clock.instant();
        return states.claim(name, owner, now, now.minus(properties.ownerTimeout()));
    }

    private void build(RebuildableReadModel model, long target) {
        String name = model.name();
        Instant started = clock.instant();
        try {
            transactions.executeWithoutResult(status -> dropGeneration(model, "generation = " + target));
            EventMessageHandler projection = new AnnotationEventHandlerAdapter(
                    model.projection(Generation.of(name, target)));
            // The pause throttles the replay of history, not the following of the live tail: past
            // the head seen at the start, batches run back to back so the rebuild always converges.
            long historyEnd = head();
            Progress progress = new Progress(null, 0, 0);
            do {
                Progress from = progress;
                progress = transactions.execute(status -> apply(projection, from, properties.batchSize()));
                if (!states.progress(name, owner, progress.position(), clock.instant())) {
                    log.warn("Rebuild of {} lost its claim to another node; abandoning it", name);
                    return;
                }
                if (!properties.batchPause().isZero() && progress.position() < historyEnd) {
                    sleep(properties.batchPause());
                }
            } while (progress.lastBatch() == properties.batchSize());
            Progress caughtUp = progress;
            boolean switched = fence.inTransactionWithAppendsPaused(() -> {
                Progress last = apply(projection, caughtUp, Integer.MAX_VALUE);
                return states.switchTo(name, owner, target, last.position(), clock.instant());
            });
            if (!switched) {
                log.warn("Rebuild of {} lost its claim before the switch; generation {} left unused", name, target);
                return;
            }
            model.generationSwitched();
            transactions.executeWithoutResult(status -> dropGeneration(model, "generation < " + target));
            log.info("Read model {} rebuilt as generation {} in {} ms", name, target,
                    Duration.between(started, clock.instant()).toMillis());
        } catch (RuntimeException e) {
            log.error("Rebuild of read model {} failed; generation {} keeps serving", name, target - 1, e);
            states.failed(name, owner, e.toString(), clock.instant());
        }
    }

    /** Where a rebuild stands: the last event applied, and how many the last batch had. */
    private record Progress(TrackingToken token, long position, int lastBatch) {
    }

    private Progress apply(EventMessageHandler projection, Progress from, int limit) {
        TrackingToken token = from.token();
        long position = from.position();
        int count = 0;
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(token, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
            while (count < limit && iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                if (projection.canHandle(event)) {
                    projection.handle(event);
                }
                token = event.trackingToken();
                position = token.position().orElse(position);
                count++;
            }
        } catch (Exception e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
        return new Progress(token, position, count);
    }

    private void dropGeneration(RebuildableReadModel model, String condition) {
        model.tables().forEach(table -> jdbc.update("delete from " + table + " where " + condition));
    }

    private long head() {
        TrackingToken head = events.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
