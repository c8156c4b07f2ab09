package dev.rotor.app.web;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Rotor reads and writes JSON (API.md), so Spring MVC gets no converter for XML or YAML.
 *
 * <p>Spring registers one for each format whose library is on the class path, and two are here
 * through dependencies: JAXB's API and Jackson 2's YAML module. With them, a login posted as
 * {@code application/yaml} was read by Jackson 2, past the strict JSON rules of
 * {@code WebJsonConfiguration}, and {@code GET /api/v1/me} with {@code Accept: application/yaml}
 * answered YAML. Every JSON answer also asked each of them whether it could write the value (about
 * 3 % of a token check's CPU samples). Without them, such a body is {@code 415 unsupported_media_type}
 * and such an {@code Accept} is {@code 406 not_acceptable}, as for any other format.
 */
@Configuration(proxyBeanMethods = false)
public class MessageConverterTrim implements WebMvcConfigurer {

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.configureMessageConvertersList(converters -> converters.removeIf(MessageConverterTrim::xmlOrYamlOnly));
    }

    static boolean xmlOrYamlOnly(HttpMessageConverter<?> converter) {
        List<MediaType> types = converter.getSupportedMediaTypes();
        return !types.isEmpty() && types.stream().allMatch(MessageConverterTrim::xmlOrYaml);
    }

    private static boolean xmlOrYaml(MediaType type) {
        String subtype = type.getSubtype();
        return subtype.equals("xml") || subtype.endsWith("+xml") || subtype.equals("yaml") || subtype.endsWith("+yaml");
    }
}
