package dev.rotor.app.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Looks a request up among Rotor's own routes before Actuator's.
 *
 * <p>Boot orders Actuator's endpoint mapping first (so that its paths win over an application's
 * catch-all routes, which Rotor has none of). Every API call therefore went through Actuator's
 * mapping before its own: Actuator's paths are patterns, so a miss compared the request with each
 * of them, media types first, about a tenth of a token check's CPU. Here any path outside the
 * Actuator base path is looked up in the application's mapping first; a path it does not know
 * goes on to the other mappings as before, and Actuator's paths skip this one.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // not in --rotor.rebuild runs
public class ApplicationRoutesFirst implements HandlerMapping, Ordered {

    private final RequestMappingHandlerMapping routes;
    private final String actuatorBasePath;

    public ApplicationRoutesFirst(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping routes,
                                  @Value("${management.endpoints.web.base-path:/actuator}") String actuatorBasePath) {
        this.routes = routes;
        this.actuatorBasePath = actuatorBasePath;
    }

    @Override
    public HandlerExecutionChain getHandler(HttpServletRequest request) throws Exception {
        String path = request.getRequestURI();
        if (path.startsWith(actuatorBasePath)
                && (path.length() == actuatorBasePath.length() || path.charAt(actuatorBasePath.length()) == '/')) {
            return null;
        }
        return routes.getHandler(request);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
