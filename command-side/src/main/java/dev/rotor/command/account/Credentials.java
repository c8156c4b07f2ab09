package dev.rotor.command.account;

import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.RotorException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Input rules for accounts, checked by the aggregate before it applies anything. */
public final class Credentials {

    public static final int MIN_PASSWORD_LENGTH = 12;
    public static final int MAX_PASSWORD_LENGTH = 1024;
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

    public static void requireValidPassword(String field, String password) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
            throw new RotorException(ErrorCode.INVALID_REQUEST,
                    field + ": must be " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH + " characters");
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
