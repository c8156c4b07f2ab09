package dev.rotor.app.e2e;

import dev.rotor.RotorApplication;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Keeps Spring Security's auto-configuration away from every Rotor started from the test class
 * path. Spring Security is there (test scope only) for the resource server that
 * {@code ResourceServerE2ETest} runs against Rotor; left on, it would lock Rotor itself behind a
 * generated password. Rotor's own jar never has it. Registered in {@code META-INF/spring.factories}
 * of the test resources, so it covers every way a test starts Rotor: {@link RotorServer}, a
 * {@code SpringApplicationBuilder}, and node processes launched on the test class path. Other
 * applications (the resource server) are left alone.
 */
public class RotorWithoutSpringSecurity implements EnvironmentPostProcessor {

    static final List<String> SECURITY_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web."
                    + "OAuth2ResourceServerWebSecurityAutoConfiguration");

    private static final String EXCLUDE = "spring.autoconfigure.exclude";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!application.getAllSources().contains(RotorApplication.class)) {
            return;
        }
        String already = environment.getProperty(EXCLUDE, "");
        String excluded = (already.isBlank() ? "" : already + ",") + String.join(",", SECURITY_AUTO_CONFIGURATIONS);
        environment.getPropertySources().addFirst(new MapPropertySource("rotorWithoutSpringSecurity",
                Map.of(EXCLUDE, excluded)));
    }
}
