package dev.rotor.kernel.account;

/** One user's directory entry; answered with {@link UserSummary}, or {@code null} if unknown. */
public record FindUserQuery(String userId) {
}
