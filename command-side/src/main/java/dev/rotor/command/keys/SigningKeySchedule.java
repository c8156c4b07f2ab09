package dev.rotor.command.keys;

import dev.rotor.kernel.keys.AdoptSigningKeyCommand;
import dev.rotor.kernel.keys.RetireDueSigningKeysCommand;
import dev.rotor.command.session.SigningKeySource;
import dev.rotor.kernel.keys.RotateSigningKeyCommand;
import dev.rotor.kernel.keys.RotateSigningKeyIfDueCommand;
import dev.rotor.kernel.keys.SigningKeyRingIds;
import dev.rotor.kernel.keys.SigningKeyRotationResult;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The key ring's life on every command node. At start: a ring without a key adopts the server's
 * initial key (on a database from before key rotation, the one key it signed with, so its tokens
 * stay valid; of several nodes starting together, one adopts and the others find it done). An
 * active key whose private half has gone from the key material (deleted by an operator after a lost
 * master key) is replaced by a new one; its tokens still verify until they expire, as its public
 * half is in the ring. The active key is opened before the server serves, so a master key that does
 * not fit stops the start. Then,
 * every {@code rotor.keys.check-interval}: records the retirement of keys whose time has passed,
 * and, with {@code rotor.keys.rotation} set, rotates a key that has reached that age. The read
 * model is asked first, so an idle check costs two small reads and no command; the aggregate
 * decides, so several nodes finding the same thing due rotate or retire once.
 */
@Component
public class SigningKeySchedule implements ApplicationRunner, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SigningKeySchedule.class);

    private final CommandGateway commands;
    private final SigningKeyVault vault;
    private final SigningKeyProperties properties;
    private final SigningKeySource signingKeys;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rotor-signing-keys");
        thread.setDaemon(true);
        return thread;
    });

    public SigningKeySchedule(CommandGateway commands, SigningKeyVault vault, SigningKeyProperties properties,
                              SigningKeySource signingKeys) {
        this.signingKeys = signingKeys;
        this.commands = commands;
        this.vault = vault;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (vault.activeSince().isEmpty()) {
            SigningKeyVault.PublicSigningKey initial = vault.initialKey();
            commands.sendAndWait(new AdoptSigningKeyCommand(SigningKeyRingIds.RING, initial.kid(), initial.publicJwk(),
                    initial.createdAt()));
            log.info("Signing key {} is the key ring's first active key", initial.kid());
        }
        if (vault.activeKeyMissing()) {
            log.warn("The active signing key's private half is missing from rotor_key_material; rotating to a new key");
            commands.sendAndWait(new RotateSigningKeyCommand(SigningKeyRingIds.RING, SigningKeyRing.SYSTEM,
                    SigningKeyRing.MISSING_KEY_REASON, UUID.randomUUID().toString()));
        }
        log.info("Access tokens are signed with key {}", signingKeys.currentSigningKey().getKeyID());
        if (properties.rotation() != null) {
            log.info("Signing keys are rotated every {}", properties.rotation());
        }
        long interval = properties.checkInterval().toMillis();
        executor.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.MILLISECONDS);
    }

    void check() {
        try {
            Instant now = Instant.now();
            if (vault.retirementDue(now)) {
                commands.sendAndWait(new RetireDueSigningKeysCommand(SigningKeyRingIds.RING));
            }
            if (properties.rotation() != null && vault.activeSince()
                    .filter(since -> !now.isBefore(since.plus(properties.rotation()))).isPresent()) {
                SigningKeyRotationResult rotated = commands.sendAndWait(
                        new RotateSigningKeyIfDueCommand(SigningKeyRingIds.RING, properties.rotation().toSeconds()));
                if (rotated != null) {
                    log.info("Scheduled rotation: signing key {} replaces {}", rotated.kid(), rotated.previousKid());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Signing-key check failed; tried again in {}: {}", properties.checkInterval(), e.toString());
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
