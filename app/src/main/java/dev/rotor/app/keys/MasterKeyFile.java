package dev.rotor.app.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master key file ({@code ROTOR_MASTER_KEY_FILE}): one line of ASCII,
 * {@code rotor-master-key-v1:} followed by the standard base64 (with padding) of 32 random bytes,
 * and a newline. Surrounding whitespace is ignored when reading.
 *
 * <p>A new file is created only when it does not exist and the database holds no sealed secret. It
 * is written completely to an owner-only ({@code rw-------}) temporary file in the same directory
 * and then linked into place without replacing anything, so a second process starting at the same
 * moment either wins or reads the complete file of the first; never a half-written one, never a
 * second key over the first. A file that other users may read or write is used, with a warning.
 */
final class MasterKeyFile {

    static final String PREFIX = "rotor-master-key-v1:";

    private static final Logger log = LoggerFactory.getLogger(MasterKeyFile.class);
    private static final long MAX_SIZE = 1024;
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path path;

    MasterKeyFile(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    Path path() {
        return path;
    }

    /**
     * The master key: read from the file, or, when there is no file and {@code databaseHoldsSealedSecrets}
     * says no, a new one written to it. The caller should clear the returned array after use.
     *
     * @throws MasterKeyException when the file is missing but the database holds sealed secrets, or
     *         the file cannot be read, is malformed, or cannot be created
     */
    byte[] readOrCreate(BooleanSupplier databaseHoldsSealedSecrets) {
        if (present()) {
            return read();
        }
        if (databaseHoldsSealedSecrets.getAsBoolean()) {
            throw new MasterKeyException("Master key file " + path + " does not exist, but the database already "
                    + "holds secrets sealed with a master key",
                    "Restore that file from your backup (or set ROTOR_MASTER_KEY_FILE to where it is); Rotor "
                            + "creates a new master key only for a database without sealed secrets");
        }
        return create();
    }

    /** @throws MasterKeyException when the file cannot be read or is malformed */
    byte[] read() {
        byte[] content;
        try {
            if (!Files.isRegularFile(path)) {
                throw unreadable("not a regular file", null);
            }
            if (Files.size(path) > MAX_SIZE) {
                throw malformed();
            }
            content = Files.readAllBytes(path);
        } catch (IOException e) {
            throw unreadable(e.getClass().getSimpleName(), e);
        }
        String text = new String(content, StandardCharsets.US_ASCII).strip();
        Arrays.fill(content, (byte) 0);
        if (!text.startsWith(PREFIX)) {
            throw malformed();
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        if (key.length != MasterKeyCipher.KEY_BYTES) {
            Arrays.fill(key, (byte) 0);
            throw malformed();
        }
        warnIfOthersMayAccess();
        return key;
    }

    /** The file's text for {@code key}. */
    static String format(byte[] key) {
        return PREFIX + Base64.getEncoder().encodeToString(key) + "\n";
    }

    private byte[] create() {
        byte[] key = new byte[MasterKeyCipher.KEY_BYTES];
        RANDOM.nextBytes(key);
        Path directory = path.getParent();
        try {
            createDirectories(directory);
            Path temporary = ownerOnlyTemporaryFile(directory);
            try {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(format(key).getBytes(StandardCharsets.US_ASCII)));
                    channel.force(true);
                }
                publish(temporary);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (FileAlreadyExistsException raced) {
            // Another process sharing this file created it a moment ago: use its key, not ours.
            Arrays.fill(key, (byte) 0);
            return read();
        } catch (IOException e) {
            Arrays.fill(key, (byte) 0);
            throw new MasterKeyException("Master key file " + path + " cannot be created ("
                    + e.getClass().getSimpleName() + ")", "Make its directory writable by the user running Rotor, "
                    + "or set ROTOR_MASTER_KEY_FILE to a writable location", e);
        }
        log.warn("Created a new master key in {}. Back it up and keep it apart from database backups: "
                + "without it the secrets in the database cannot be opened", path);
        return key;
    }

    /** Links the complete temporary file in as the key file; fails if a key file exists meanwhile. */
    private void publish(Path temporary) throws IOException {
        try {
            Files.createLink(path, temporary);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            // Some file systems have no hard links: a move, which also refuses to replace a file.
            Files.move(temporary, path);
        }
    }

    private boolean present() {
        return Files.exists(path) || Files.isSymbolicLink(path);
    }

    private static void createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(directory);
        }
    }

    private static Path ownerOnlyTemporaryFile(Path directory) throws IOException {
        try {
            return Files.createTempFile(directory, ".master.key-", ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        } catch (UnsupportedOperationException notPosix) {
            Path file = Files.createTempFile(directory, ".master.key-", ".tmp");
            restrictToOwner(file);
            return file;
        }
    }

    /** Non-POSIX file systems (Windows): an access list with only the owner, where supported. */
    private static void restrictToOwner(Path file) {
        AclFileAttributeView acl = Files.getFileAttributeView(file, AclFileAttributeView.class);
        try {
            if (acl != null) {
                acl.setAcl(List.of(AclEntry.newBuilder()
                        .setType(AclEntryType.ALLOW)
                        .setPrincipal(acl.getOwner())
                        .setPermissions(EnumSet.allOf(AclEntryPermission.class))
                        .build()));
                return;
            }
        } catch (IOException | SecurityException e) {
            // fall through to the warning
        }
        log.warn("Could not restrict the new master key file to its owner on this file system; restrict it yourself");
    }

    private void warnIfOthersMayAccess() {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            if (!OWNER_ONLY_FILE.containsAll(permissions)) {
                log.warn("Master key file {} is accessible to other users ({}); restrict it: chmod 600 {}",
                        path, PosixFilePermissions.toString(permissions), path);
            }
        } catch (IOException e) {
            log.warn("Could not read the permissions of master key file {}", path);
        }
    }

    private MasterKeyException unreadable(String reason, IOException cause) {
        return new MasterKeyException("Master key file " + path + " cannot be read (" + reason + ")",
                "Make it a file readable by the user running Rotor (chmod 600, owned by that user), or set "
                        + "ROTOR_MASTER_KEY_FILE to the right file", cause);
    }

    private MasterKeyException malformed() {
        return new MasterKeyException("Master key file " + path + " is malformed: expected one line '" + PREFIX
                + "' followed by the base64 of " + MasterKeyCipher.KEY_BYTES + " bytes",
                "Restore the original file from your backup; do not replace it with a new key while the database "
                        + "holds secrets sealed with the old one");
    }

    @Override
    public String toString() {
        return "MasterKeyFile[" + path + "]";
    }
}
