package dev.rotor.command.account;

import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Input rules for accounts, checked by the aggregate before it applies anything. */
public final class Credentials {

    public static final int MIN_PASSWORD_LENGTH = 12;
    public static final int MAX_PASSWORD_LENGTH = 1024;
    /**
     * The most a password field may hold as sent, in UTF-16 chars: the HTTP layer bounds the input
     * with it, and the rules here judge the length (code points of the NFKC form, where a code point
     * takes up to two chars and NFKC may compose several into one).
     */
    public static final int MAX_PASSWORD_INPUT_CHARS = 4 * MAX_PASSWORD_LENGTH;
    public static final int MAX_EMAIL_LENGTH = 320;
    public static final int MAX_ROLES = 32;

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern ROLE = Pattern.compile("^[a-z][a-z0-9_:.-]{0,63}$");

    private Credentials() {
    }

    /** Trim and lower-case; the form under which emails are stored and looked up. */
    public static String normalizeEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    public static String requireValidEmail(String email) {
        String normalized = normalizeEmail(email);
        if (normalized == null || normalized.isEmpty() || normalized.length() > MAX_EMAIL_LENGTH
                || !EMAIL.matcher(normalized).matches()) {
            throw new RotorException(ErrorCode.INVALID_REQUEST, "email: must be a valid email address");
        }
        return normalized;
    }

    /**
     * NFKC (NIST SP 800-63B 5.1.1.2): the form a password is checked, hashed and verified in, so
     * that the {@code ﬁ} ligature and {@code fi}, or full-width and ASCII digits, make one password.
     */
    public static String normalizePassword(String password) {
        return password == null ? null : Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    /**
     * A new password: 12 to 1024 characters counted as code points of its NFKC form, and not one of
     * the {@link CommonPasswords}. No composition rules, no truncation.
     */
    public static void requireValidPassword(String field, String password) {
        String normalized = normalizePassword(password);
        int length = normalized == null ? 0 : normalized.codePointCount(0, normalized.length());
        if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
            throw new RotorException(ErrorCode.INVALID_REQUEST,
                    field + ": must be " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH + " characters");
        }
        if (CommonPasswords.shipped().contains(normalized)) {
            throw new RotorException(ErrorCode.INVALID_REQUEST,
                    field + ": is one of the most common passwords; choose one that is harder to guess");
        }
    }

    public static List<String> requireValidRoles(List<String> roles) {
        if (roles == null) {
            return List.of();
        }
        if (roles.size() > MAX_ROLES) {
            throw new RotorException(ErrorCode.INVALID_REQUEST, "roles: at most " + MAX_ROLES + " roles");
        }
        for (String role : roles) {
            if (role == null || !ROLE.matcher(role).matches()) {
                throw new RotorException(ErrorCode.INVALID_REQUEST,
                        "roles: each role must match " + ROLE.pattern());
            }
        }
        return roles.stream().distinct().toList();
    }

    /** API.md: {@code reason} is required, non-blank, at most 500 characters. */
    public static String requireValidReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new RotorException(ErrorCode.INVALID_REQUEST, "reason: must not be blank");
        }
        if (reason.length() > 500) {
            throw new RotorException(ErrorCode.INVALID_REQUEST, "reason: at most 500 characters");
        }
        return reason.strip();
    }
}
