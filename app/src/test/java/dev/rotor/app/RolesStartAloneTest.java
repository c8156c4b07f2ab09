package dev.rotor.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.RotorApplication;
import dev.rotor.command.login.PasswordLogin;
import dev.rotor.command.session.Session;
import dev.rotor.query.session.SessionProjection;
import dev.rotor.query.web.QueryController;
import dev.rotor.query.validation.TokenValidationQueryHandler;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Roles by profile: each of {@code command} and {@code query} starts alone with only its own side's
 * beans, and both together is the default.
 */
class RolesStartAloneTest {

    @Test
    void commandRoleStartsWithItsHandlersAndEveryReadModelButNoQueryEndpoint() throws Exception {
        try (ConfigurableApplicationContext context = start("command")) {
            assertThat(context.getBeanNamesForType(PasswordLogin.class)).hasSize(1);
            assertThat(context.getBeanNamesForType(Session.class)).as("aggregate registered").isNotEmpty();
            assertThat(context.getBeanNamesForType(SessionProjection.class))
                    .as("read models are written where events are appended").hasSize(1);
            assertThat(context.getBeanNamesForType(TokenValidationQueryHandler.class))
                    .as("the command endpoints' bearer filter checks tokens locally").hasSize(1);
            assertThat(context.getBeanNamesForType(QueryController.class)).isEmpty();
        }
    }

    @Test
    void queryRoleStartsWithoutTheCommandSide() throws Exception {
        try (ConfigurableApplicationContext context = start("query")) {
            assertThat(context.getBeanNamesForType(TokenValidationQueryHandler.class)).hasSize(1);
            assertThat(context.getBeanNamesForType(SessionProjection.class)).hasSize(1);
            assertThat(context.getBeanNamesForType(QueryController.class)).hasSize(1);
            assertThat(context.getBeanNamesForType(PasswordLogin.class)).isEmpty();
            assertThat(context.getBeanNamesForType(Session.class)).isEmpty();
        }
    }

    @Test
    void bothRolesAreOnByDefault() throws Exception {
        try (ConfigurableApplicationContext context = start(null)) {
            assertThat(context.getEnvironment().getActiveProfiles()).isEmpty();
            assertThat(context.getEnvironment().getDefaultProfiles()).containsExactlyInAnyOrder("command", "query");
            assertThat(context.getBeanNamesForType(PasswordLogin.class)).hasSize(1);
            assertThat(context.getBeanNamesForType(TokenValidationQueryHandler.class)).hasSize(1);
        }
    }

    @TempDir
    Path dir;

    private ConfigurableApplicationContext start(String profile) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        String[] args = {
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("rotor").toAbsolutePath(),
                "--rotor.token.issuer=http://rotor.test",
                "--rotor.master-key-file=" + dir.resolve("master.key").toAbsolutePath(),
                "--logging.level.root=warn"};
        SpringApplicationBuilder builder = new SpringApplicationBuilder(RotorApplication.class);
        if (profile != null) {
            builder.profiles(profile);
        }
        return builder.run(args);
    }
}
