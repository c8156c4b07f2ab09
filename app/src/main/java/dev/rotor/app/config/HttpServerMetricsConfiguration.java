package dev.rotor.app.config;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Boot's per-request HTTP server observation ({@code http_server_requests_seconds_*}) is opt-in:
 * {@code ROTOR_HTTP_SERVER_METRICS=true} turns it on. It wraps every request in an observation,
 * builds its tags and looks its timer up by them; on a token check that was about a sixth of the
 * server's CPU (README, Benchmarks). Rotor's own counters ({@code rotor_logins_total},
 * {@code rotor_refreshes_total}, {@code rotor_token_validations_total}, ...) cover the paths that
 * matter without it.
 */
@Configuration(proxyBeanMethods = false)
public class HttpServerMetricsConfiguration {

    public static final String PROPERTY = "rotor.metrics.http-server-requests";

    /**
     * A registration that is never enabled: Boot's observation filter backs off when a filter of its
     * type is registered ({@code @ConditionalOnMissingFilterBean}), so no observation runs at all.
     */
    @Bean
    @ConditionalOnProperty(name = PROPERTY, havingValue = "false", matchIfMissing = true)
    FilterRegistrationBean<ServerHttpObservationFilter> noHttpServerObservation() {
        FilterRegistrationBean<ServerHttpObservationFilter> registration =
                new FilterRegistrationBean<>(new ServerHttpObservationFilter(ObservationRegistry.NOOP));
        registration.setEnabled(false);
        return registration;
    }
}
