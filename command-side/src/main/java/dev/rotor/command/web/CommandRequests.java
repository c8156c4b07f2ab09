package dev.rotor.command.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rotor.command.account.Credentials;
import dev.rotor.kernel.common.Secrets;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Request bodies of the command endpoints. Field names are API.md's. */
public final class CommandRequests {

    private CommandRequests() {
    }

    public record LoginRequest(
            @NotBlank @Size(max = 320) String email,
            @NotNull @Size(min = 1, max = Credentials.MAX_PASSWORD_INPUT_CHARS) String password) {

        @Override
        public String toString() {
            return "LoginRequest[email=" + email + ", password=" + Secrets.redact(password) + "]";
        }
    }

    public record RefreshRequest(
            @JsonProperty("refresh_token") @NotBlank @Size(max = 256) String refreshToken) {

        @Override
        public String toString() {
            return "RefreshRequest[refreshToken=" + Secrets.redact(refreshToken) + "]";
        }
    }

    public record CreateUserRequest(
            @NotBlank @Size(max = 320) String email,
            @NotNull @Size(max = Credentials.MAX_PASSWORD_INPUT_CHARS) String password,
            @Size(max = 32) List<@NotBlank @Size(max = 64) String> roles) {

        @Override
        public String toString() {
            return "CreateUserRequest[email=" + email + ", password=" + Secrets.redact(password) + ", roles=" + roles + "]";
        }
    }

    public record ChangePasswordRequest(
            @JsonProperty("current_password") @NotNull @Size(min = 1, max = Credentials.MAX_PASSWORD_INPUT_CHARS)
            String currentPassword,
            @JsonProperty("new_password") @NotNull @Size(max = Credentials.MAX_PASSWORD_INPUT_CHARS) String newPassword) {

        @Override
        public String toString() {
            return "ChangePasswordRequest[currentPassword=" + Secrets.redact(currentPassword) + ", newPassword="
                    + Secrets.redact(newPassword) + "]";
        }
    }

    public record GlobalRotationRequest(
            @NotBlank @Size(max = 500) String reason,
            @JsonProperty("grace_period_seconds") @Min(0) @Max(86400) Long gracePeriodSeconds) {
    }

    public record UserRotationRequest(@NotBlank @Size(max = 500) String reason) {
    }

    public record SigningKeyRotationRequest(@NotBlank @Size(max = 500) String reason) {
    }

    public record MfaLoginRequest(
            @JsonProperty("mfa_token") @NotBlank @Size(max = 200) String mfaToken,
            @NotBlank @Size(max = 64) String code) {

        @Override
        public String toString() {
            return "MfaLoginRequest[redacted]";
        }
    }

    public record MfaCodeRequest(@NotBlank @Size(max = 64) String code) {

        @Override
        public String toString() {
            return "MfaCodeRequest[redacted]";
        }
    }

    public record MfaResetRequest(@NotBlank @Size(max = 500) String reason) {
    }
}
