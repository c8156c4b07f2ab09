package dev.rotor.app.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rotor.kernel.common.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** RFC 9457 problem documents with Rotor's stable {@code code}. */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    // A URN: stable and unique, and never dereferenced to a host this project does not control.
    static final String TYPE_BASE = "urn:rotor:problem:";
    static final String BEARER_CHALLENGE = "Bearer error=\"invalid_token\"";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    public static Map<String, Object> body(ErrorCode code, String detail, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + code.code());
        body.put("title", code.title());
        body.put("status", code.status());
        body.put("detail", detail == null ? code.title() : detail);
        body.put("code", code.code());
        if (field != null) {
            body.put("field", field);
        }
        return body;
    }

    public static ResponseEntity<Object> response(ErrorCode code, String detail, String field, Long retryAfterSeconds) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(PROBLEM_JSON);
        headers.setCacheControl("no-store");
        if (code == ErrorCode.INVALID_TOKEN) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
        }
        if (retryAfterSeconds != null && retryAfterSeconds > 0) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        return ResponseEntity.status(code.status()).headers(headers).body(body(code, detail, field));
    }

    /** For filters, which answer before Spring MVC is involved. */
    public static void write(HttpServletResponse response, ErrorCode code, String detail) throws IOException {
        write(response, code, detail, null);
    }

    /** For filters, with a {@code Retry-After} of {@code retryAfterSeconds} when it is given. */
    public static void write(HttpServletResponse response, ErrorCode code, String detail, Long retryAfterSeconds)
            throws IOException {
        response.setStatus(code.status());
        if (retryAfterSeconds != null && retryAfterSeconds > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        response.setContentType(PROBLEM_JSON.toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (code == ErrorCode.INVALID_TOKEN) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
        }
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body(code, detail, null));
        } catch (JsonProcessingException e) {
            bytes = ("{\"code\":\"" + code.code() + "\",\"status\":" + code.status() + "}").getBytes(StandardCharsets.UTF_8);
        }
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
