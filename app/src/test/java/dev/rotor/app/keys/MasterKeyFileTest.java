package dev.rotor.app.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The master key file: created once, owner-only; refused when missing over sealed data or malformed. */
class MasterKeyFileTest {

    private static final String SAMPLE_KEY_TEXT = "rotor-master-key-v1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @TempDir
    Path dir;

    @Test
    void theFirstStartCreatesTheFileOwnerOnlyInANewDirectory() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("nested/keys/master.key");

        byte[] key = new MasterKeyFile(file).readOrCreate(() -> false);

        assertThat(key).hasSize(32).isNotEqualTo(new byte[32]);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(Files.readString(file)).isEqualTo("rotor-master-key-v1:" + Base64.getEncoder().encodeToString(key)
                + "\n");
        try (var left = Files.list(file.getParent())) {
            assertThat(left).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    void laterStartsReadTheSameKeyAndNeverAskTheDatabase() {
        Path file = dir.resolve("master.key");
        byte[] first = new MasterKeyFile(file).readOrCreate(() -> false);
        byte[] again = new MasterKeyFile(file).readOrCreate(() -> {
            throw new AssertionError("an existing key file needs no look at the database");
        });
        assertThat(again).isEqualTo(first);
    }

    @Test
    void aMissingFileIsNeverCreatedOverSealedSecrets() {
        Path file = dir.resolve("master.key");

        assertThatThrownBy(() -> new MasterKeyFile(file).readOrCreate(() -> true))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("does not exist, but the database already holds secrets sealed")
                .hasMessageContaining("Restore that file from your backup")
                .hasMessageNotContaining("\n");
        assertThat(file).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aMalformedFileIsRefusedAndLeftAlone() throws Exception {
        Path file = dir.resolve("master.key");
        String[] malformed = {
                "",
                "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", // no prefix
                "rotor-master-key-v2:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                "rotor-master-key-v1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==", // 31 bytes
                "rotor-master-key-v1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gIQ==", // 34 bytes
                "rotor-master-key-v1:AAECAwQFBgcICQoLDA0O DxAREhMUFRYXGBkaGxwdHh8=", // not base64
                "rotor-master-key-v1:" + "A".repeat(2000)};
        for (String content : malformed) {
            Files.writeString(file, content);
            assertThatThrownBy(() -> new MasterKeyFile(file).readOrCreate(() -> false))
                    .as(content)
                    .isInstanceOf(MasterKeyException.class)
                    .hasMessageContaining(file + " is malformed")
                    .hasMessageContaining("Restore the original file")
                    .hasMessageNotContaining("AAECAwQFBgcICQoLDA0O")
                    .hasMessageNotContaining("\n");
            assertThat(Files.readString(file)).as("never replaced").isEqualTo(content);
        }
    }

    @Test
    void surroundingWhitespaceIsFine() throws Exception {
        Path file = dir.resolve("master.key");
        Files.writeString(file, "  " + SAMPLE_KEY_TEXT + "\r\n\n");
        assertThat(new MasterKeyFile(file).readOrCreate(() -> false)).hasSize(32).startsWith(0, 1, 2, 3);
    }

    /** A key file that cannot be read (here a directory: a permission test proves nothing when run as root). */
    @Test
    void aDirectoryInPlaceOfTheFileIsRefused() throws Exception {
        Path file = Files.createDirectory(dir.resolve("master.key"));
        assertThatThrownBy(() -> new MasterKeyFile(file).readOrCreate(() -> false))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining(file + " cannot be read");
    }

    @Test
    void aFileOthersMayReadIsUsedWithAWarning() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("master.key");
        Files.writeString(file, SAMPLE_KEY_TEXT);
        Logger logger = (Logger) LoggerFactory.getLogger(MasterKeyFile.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            new MasterKeyFile(file).readOrCreate(() -> false);
            assertThat(logged.list).isEmpty();

            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            assertThat(new MasterKeyFile(file).readOrCreate(() -> false)).hasSize(32);
            assertThat(logged.list).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).contains("rw-r--r--").contains("chmod 600")
                        .doesNotContain("AAECAwQFBgcICQoLDA0O");
            });
        } finally {
            logger.detachAppender(logged);
        }
    }

    @Test
    void processesStartingTogetherEndUpWithOneKey() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 20; round++) {
                Path file = dir.resolve("round-" + round).resolve("master.key");
                CountDownLatch go = new CountDownLatch(1);
                List<Future<byte[]>> keys = new ArrayList<>();
                for (int node = 0; node < 4; node++) {
                    Callable<byte[]> start = () -> {
                        go.await();
                        return new MasterKeyFile(file).readOrCreate(() -> false);
                    };
                    keys.add(pool.submit(start));
                }
                go.countDown();
                byte[] first = keys.get(0).get();
                for (Future<byte[]> key : keys) {
                    assertThat(key.get()).isEqualTo(first);
                }
                assertThat(Files.readString(file, StandardCharsets.US_ASCII))
                        .isEqualTo(MasterKeyFile.format(first));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
