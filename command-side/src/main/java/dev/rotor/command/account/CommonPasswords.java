package dev.rotor.command.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The shipped list of the most common passwords (NIST SP 800-63B 3.1.1.2, ASVS 5.0 6.2): the
 * 30,000 of zxcvbn 4.4.2, one a line in {@value #RESOURCE}, licence beside it (README, "Security
 * model"). Read once into a set; compared case-insensitively after NFKC, so {@code PASSWORD1234}
 * and its full-width form are refused like {@code password1234}.
 */
public final class CommonPasswords {

    static final String RESOURCE = "/passwords/common-passwords.txt";

    private static final CommonPasswords SHIPPED = load(RESOURCE);

    private final Set<String> passwords;

    private CommonPasswords(Set<String> passwords) {
        this.passwords = Set.copyOf(passwords);
    }

    /** The list shipped with Rotor, read when this class is first used. */
    public static CommonPasswords shipped() {
        return SHIPPED;
    }

    /** Whether the password, NFKC-normalised and lower-cased, is on the list. */
    public boolean contains(String password) {
        return password != null && passwords.contains(key(password));
    }

    public int size() {
        return passwords.size();
    }

    private static String key(String password) {
        return Credentials.normalizePassword(password).toLowerCase(Locale.ROOT);
    }

    private static CommonPasswords load(String resource) {
        InputStream in = CommonPasswords.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        Set<String> passwords = new HashSet<>(40_000);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isEmpty()) {
                    passwords.add(key(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return new CommonPasswords(passwords);
    }
}
