package dev.rotor.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.app.e2e.RotorClient.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Five failed logins lock an email out (429 with Retry-After), and an email nobody registered
 * behaves exactly the same, so the lockout does not reveal which emails have accounts.
 */
class LockoutE2ETest {

    @Test
    void knownAndUnknownEmailsLockOutAlike() {
        RotorClient client = SharedRotorServer.get().client();
        String known = "lock-" + UUID.randomUUID() + "@example.com";
        client.createUser(client.adminToken(), known, "the-right-password", List.of("user"));
        String unknown = "nobody-" + UUID.randomUUID() + "@example.com";

        for (String email : List.of(known, unknown)) {
            for (int attempt = 1; attempt <= 5; attempt++) {
                Response failed = client.login(email, "a-wrong-password");
                assertThat(failed.status()).as("%s attempt %d", email, attempt).isEqualTo(401);
                assertThat(failed.text("code")).isEqualTo("invalid_credentials");
            }
            Response locked = client.login(email, "a-wrong-password");
            assertThat(locked.status()).as("%s after five failures", email).isEqualTo(429);
            assertThat(locked.text("code")).isEqualTo("too_many_attempts");
            assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 900L);
        }

        assertThat(client.login(known, "the-right-password").status())
                .as("even the right password waits out the lockout").isEqualTo(429);
    }
}
