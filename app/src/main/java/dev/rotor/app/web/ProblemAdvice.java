package dev.rotor.app.web;

import dev.rotor.kernel.common.ErrorCode;
import dev.rotor.kernel.common.ErrorDetails;
import dev.rotor.kernel.common.RotorException;
import dev.rotor.kernel.token.TokenValidationResponse.AuthenticatedCaller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.stream.Collectors;
import org.axonframework.common.AxonException;
import org.axonframework.messaging.HandlerExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * The one place where failures become HTTP answers: problem+json with a stable {@code code}, never
 * a stack trace, never a 5xx for bad input.
 */
@RestControllerAdvice
public class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(MethodArgumentNotValidException.class)
    public ResponseEntity<Object> invalidBody(MethodArgumentNotValidException e) {
        FieldError first = e.getBindingResult().getFieldErrors().stream().findFirst().orElse(null);
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(error -> jsonName(error.getField()) + ": " + error.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return Problems.response(ErrorCode.INVALID_REQUEST, detail.isEmpty() ? "invalid request body" : detail,
                first == null ? null : jsonName(first.getField()), null);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    public ResponseEntity<Object> invalidParameters(HandlerMethodValidationException e) {
        return Problems.response(ErrorCode.INVALID_REQUEST, "invalid request parameters", null, null);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<Object> unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RequestSizeLimitFilter.PayloadTooLargeException) {
                return Problems.response(ErrorCode.PAYLOAD_TOO_LARGE, "request body too large", null, null);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                String field = jackson.getPath().stream()
                        .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining("."))
                        .replace(".[", "[");
                return Problems.response(ErrorCode.INVALID_REQUEST, field + ": wrong type or malformed value", field,
                        null);
            }
        }
        String detail = e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")
                ? "request body is missing"
                : "request body is not valid JSON";
        return Problems.response(ErrorCode.INVALID_REQUEST, detail, null, null);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    public ResponseEntity<Object> badParameter(Exception e) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName()
                : ((MissingServletRequestParameterException) e).getParameterName();
        return Problems.response(ErrorCode.INVALID_REQUEST, name + ": invalid or missing", name, null);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<Object> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        String expected = e.getSupportedMediaTypes().contains(MediaType.APPLICATION_FORM_URLENCODED)
                ? MediaType.APPLICATION_FORM_URLENCODED_VALUE : MediaType.APPLICATION_JSON_VALUE;
        return Problems.response(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send " + expected, null, null);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<Object> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return Problems.response(ErrorCode.NOT_ACCEPTABLE, "this endpoint answers application/json", null, null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<Object> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return Problems.response(ErrorCode.METHOD_NOT_ALLOWED, e.getMethod() + " is not supported here", null, null);
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    public ResponseEntity<Object> notFound(Exception e) {
        return Problems.response(ErrorCode.NOT_FOUND, "no such resource", null, null);
    }

    @ExceptionHandler(ServletRequestBindingException.class)
    public ResponseEntity<Object> binding(ServletRequestBindingException e) {
        if (e.getMessage() != null && e.getMessage().contains(AuthenticatedCaller.REQUEST_ATTRIBUTE)) {
            // A controller that needs the caller was reached without one: fail closed as unauthenticated.
            return Problems.response(ErrorCode.INVALID_TOKEN, "a bearer access token is required", null, null);
        }
        return Problems.response(ErrorCode.INVALID_REQUEST, "invalid request", null, null);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> any(Exception e, HttpServletRequest request) {
        RotorException domain = domainCause(e);
        if (domain != null) {
            return Problems.response(domain.errorCode(), domain.getMessage(), fieldOf(domain), domain.retryAfterSeconds());
        }
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return Problems.response(ErrorCode.INTERNAL_ERROR, "unexpected error; see the server log", null, null);
    }

    /** A domain rejection, thrown directly or carried (possibly across a distributed bus) in Axon details. */
    static RotorException domainCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RotorException rotor) {
                return rotor;
            }
            if (t instanceof HandlerExecutionException handler) {
                Object details = handler.getDetails().orElse(null);
                if (details instanceof ErrorDetails errorDetails) {
                    return errorDetails.toException();
                }
            }
            if (t instanceof AxonException && t.getCause() instanceof RotorException rotor) {
                return rotor;
            }
        }
        return null;
    }

    private static String fieldOf(RotorException e) {
        String message = e.getMessage();
        if (e.errorCode() != ErrorCode.INVALID_REQUEST || message == null) {
            return null;
        }
        int colon = message.indexOf(':');
        return colon > 0 && message.substring(0, colon).matches("[a-z_]+") ? message.substring(0, colon) : null;
    }

    private static String jsonName(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
